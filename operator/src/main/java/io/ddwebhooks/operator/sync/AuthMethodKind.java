package io.ddwebhooks.operator.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ddwebhooks.operator.crd.DatadogWebhookAuthMethodSpec;
import io.ddwebhooks.operator.crd.OAuth2ClientCredentials;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.datadog.AuthMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Translates a DatadogWebhookAuthMethod into the OAuth2 client-credentials auth method it asks for, and compares
 * them. Datadog never returns the client secret: whether it is current is known only from the status fingerprint,
 * as for a secret custom variable.
 */
public final class AuthMethodKind implements ResourceKind<DatadogWebhookAuthMethodSpec, AuthMethod> {

  /** The API's limits (spec): the name 1 to 100 characters, every other string 1 to 2048. */
  public static final int MAX_NAME = 100;
  public static final int MAX_VALUE = 2048;

  @Override
  public String noun() {
    return "auth method";
  }

  @Override
  public String datadogName(DatadogWebhookAuthMethodSpec spec, String metadataName) {
    return ResourceKind.specNameOr(spec == null ? null : spec.getName(), metadataName);
  }

  @Override
  public List<String> validate(DatadogWebhookAuthMethodSpec spec, String metadataName) {
    if (spec == null) {
      return List.of("spec is required");
    }
    List<String> problems = new ArrayList<>();
    text("the auth method's name", datadogName(spec, metadataName), MAX_NAME).ifPresent(problems::add);
    OAuth2ClientCredentials o = spec.getOauth2ClientCredentials();
    if (o == null) {
      problems.add("spec.oauth2ClientCredentials is required");
      return problems;
    }
    String where = "spec.oauth2ClientCredentials.";
    if (o.getAccessTokenUrl() == null) {
      problems.add(where + "accessTokenUrl is required");
    } else {
      accessTokenUrl(where + "accessTokenUrl", o.getAccessTokenUrl()).ifPresent(problems::add);
    }
    if ((o.getClientId() == null) == (o.getClientIdFrom() == null)) {
      problems.add("exactly one of " + where + "clientId and " + where + "clientIdFrom must be set");
    } else if (o.getClientIdFrom() != null) {
      problems.addAll(SecretRefs.validate(where + "clientIdFrom", o.getClientIdFrom()));
    } else {
      text(where + "clientId", o.getClientId(), MAX_VALUE).ifPresent(problems::add);
    }
    if (o.getClientSecretFrom() == null) {
      problems.add(where + "clientSecretFrom is required (there is no literal client secret)");
    } else {
      problems.addAll(SecretRefs.validate(where + "clientSecretFrom", o.getClientSecretFrom()));
    }
    if (o.getAudience() != null) {
      text(where + "audience", o.getAudience(), MAX_VALUE).ifPresent(problems::add);
    }
    if (o.getScope() != null) {
      text(where + "scope", o.getScope(), MAX_VALUE).ifPresent(problems::add);
    }
    return problems;
  }

  /** An https URL: a client secret must not travel in the clear. Otherwise checked like a webhook URL. */
  static Optional<String> accessTokenUrl(String where, String value) {
    Optional<String> problem = ValueChecks.url(where, value);
    if (problem.isPresent()) {
      return problem;
    }
    return value.startsWith("https://") ? Optional.empty()
        : Optional.of(where + " must start with https:// (the client secret is sent to it)");
  }

  /** 1 to {@code max} characters, no line break, NUL or other control character. */
  static Optional<String> text(String where, String value, int max) {
    if (value.isEmpty()) {
      return Optional.of(where + " is empty");
    }
    if (value.length() > max) {
      return Optional.of(where + " is longer than " + max + " characters");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return Optional.of(where + " contains a line break, NUL or another control character");
    }
    return Optional.empty();
  }

  @Override
  public List<String> validateSecretValues(DatadogWebhookAuthMethodSpec spec, SecretValues secrets) {
    OAuth2ClientCredentials o = spec.getOauth2ClientCredentials();
    List<String> problems = new ArrayList<>();
    String where = "spec.oauth2ClientCredentials.";
    if (o.getClientIdFrom() != null) {
      SecretKeySelector ref = o.getClientIdFrom().getSecretKeyRef();
      text(ValueChecks.fromSecret(where + "clientIdFrom", ref), ValueChecks.singleLine(secrets.get(ref)), MAX_VALUE)
          .ifPresent(problems::add);
    }
    SecretKeySelector secret = o.getClientSecretFrom().getSecretKeyRef();
    text(ValueChecks.fromSecret(where + "clientSecretFrom", secret), ValueChecks.singleLine(secrets.get(secret)),
        MAX_VALUE).ifPresent(problems::add);
    return problems;
  }

  @Override
  public List<SecretKeySelector> secretRefs(DatadogWebhookAuthMethodSpec spec) {
    OAuth2ClientCredentials o = spec.getOauth2ClientCredentials();
    List<SecretKeySelector> refs = new ArrayList<>();
    if (o.getClientIdFrom() != null) {
      refs.add(o.getClientIdFrom().getSecretKeyRef());
    }
    refs.add(o.getClientSecretFrom().getSecretKeyRef());
    return refs;
  }

  @Override
  public AuthMethod render(DatadogWebhookAuthMethodSpec spec, String metadataName, SecretValues secrets,
      History history) {
    OAuth2ClientCredentials o = spec.getOauth2ClientCredentials();
    String clientId = o.getClientId() != null ? o.getClientId()
        : ValueChecks.singleLine(secrets.get(o.getClientIdFrom().getSecretKeyRef()));
    return new AuthMethod(datadogName(spec, metadataName), o.getAccessTokenUrl(), clientId,
        ValueChecks.singleLine(secrets.get(o.getClientSecretFrom().getSecretKeyRef())), o.getAudience(), o.getScope(),
        null);
  }

  @Override
  public String nameOf(AuthMethod object) {
    return object.name();
  }

  @Override
  public String canonical(AuthMethod m) {
    ObjectNode n = visible(m);
    n.put("client_secret", m.clientSecret());
    return n.toString();
  }

  /** Everything Datadog returns: all but the client secret. */
  @Override
  public String recognizable(AuthMethod m) {
    return visible(m).toString();
  }

  private static ObjectNode visible(AuthMethod m) {
    ObjectNode n = JsonText.mapper().createObjectNode();
    n.put("name", m.name());
    n.put("access_token_url", m.accessTokenUrl());
    n.put("client_id", m.clientId());
    n.put("audience", m.audience());
    n.put("scope", m.scope());
    return n;
  }

  /**
   * Found under a pending name after a lost answer (a create or a rename): ours when every field Datadog shows (name,
   * token URL, client id, audience, scope) is what was sent ({@link #holdsSent}). Only the client secret is hidden,
   * and it is sent again at once. Names are unique in an org and claimed among the resources of the cluster, so
   * another copy could only come from outside the operator with exactly these fields. Unlike a secret variable's,
   * the hidden part is never a reason to take an object on other evidence (the old name gone).
   */
  @Override
  public boolean identifiable(AuthMethod m) {
    return true;
  }

  @Override
  public List<String> differences(AuthMethod desired, AuthMethod actual, boolean appliedBefore) {
    List<String> diffs = new ArrayList<>();
    if (!Objects.equals(desired.name(), actual.name())) {
      diffs.add("name");
    }
    if (!Objects.equals(desired.accessTokenUrl(), actual.accessTokenUrl())) {
      diffs.add("accessTokenUrl");
    }
    if (!Objects.equals(desired.clientId(), actual.clientId())) {
      diffs.add("clientId");
    }
    if (!Objects.equals(desired.audience(), actual.audience())) {
      diffs.add("audience");
    }
    if (!Objects.equals(desired.scope(), actual.scope())) {
      diffs.add("scope");
    }
    if (!appliedBefore) {
      // never returned: current only if this exact state was applied to this object before
      diffs.add("clientSecret");
    }
    return diffs;
  }
}
