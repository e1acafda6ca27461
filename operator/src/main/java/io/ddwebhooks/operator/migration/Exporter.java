package io.ddwebhooks.operator.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddwebhooks.operator.crd.Annotations;
import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogCustomVariableSpec;
import io.ddwebhooks.operator.crd.DatadogWebhookAuthMethodSpec;
import io.ddwebhooks.operator.crd.DatadogWebhookSpec;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.datadog.CustomVariable;
import io.ddwebhooks.operator.datadog.AuthMethod;
import io.ddwebhooks.operator.datadog.DatadogApiException;
import io.ddwebhooks.operator.datadog.Webhook;
import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import io.ddwebhooks.operator.sync.AuthMethodKind;
import io.ddwebhooks.operator.sync.CustomVariableKind;
import io.ddwebhooks.operator.sync.ResourceKind;
import io.ddwebhooks.operator.sync.SecretValues;
import io.ddwebhooks.operator.sync.WebhookKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads webhooks and custom variables from Datadog and turns them into resources that adopt them exactly: applied
 * as they are, with adoption allowed, they converge with no Datadog write. Values that look like credentials go to
 * one generated Secret, kept apart from the resources; a secret custom variable's value cannot be read back, so it
 * points at a Secret key the generated Secret leaves out (the user fills it; until then the resource waits).
 */
public final class Exporter {

  /** Where the resources go and how to read credentials; {@code credentials}: the org's credentials, or null. */
  public record Options(String namespace, CredentialsRef credentials, Set<String> secretHeaders, String secretName) {}

  /**
   * {@code resources} and {@code secret} (null when nothing is secret) as manifests; {@code problems}: objects not
   * exported and why (no values in them); {@code toFill}: the Secret keys the user must fill, for secret variables.
   */
  public record Result(List<Map<String, Object>> resources, Map<String, Object> secret, List<String> problems,
      List<String> toFill) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final WebhookKind WEBHOOKS = new WebhookKind();
  private static final CustomVariableKind VARIABLES = new CustomVariableKind();
  private static final AuthMethodKind AUTH_METHODS = new AuthMethodKind();

  private final WebhooksIntegrationApi datadog;

  /** How long one object's reads are retried through 429s, 5xx, 408 and network failures. */
  static final Duration RETRY_BUDGET = Duration.ofSeconds(60);
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

  private final Pause pause;

  /** How the export waits between attempts (tests pass one that only counts). */
  public interface Pause {
    void pause(Duration d) throws InterruptedException;
  }

  public Exporter(WebhooksIntegrationApi datadog) {
    this(datadog, d -> Thread.sleep(d.toMillis()));
  }

  public Exporter(WebhooksIntegrationApi datadog, Pause pause) {
    this.datadog = datadog;
    this.pause = pause;
  }

  /**
   * {@code call}, retried while Datadog's answer says a retry may help (429, 408, 5xx, no answer) for up to
   * {@link #RETRY_BUDGET}, waiting what X-RateLimit-Reset says, else 1 s doubling to 10 s; other 4xx are final.
   */
  <V> V retrying(java.util.function.Supplier<V> call) {
    Duration waited = Duration.ZERO;
    Duration next = FIRST_PAUSE;
    while (true) {
      try {
        return call.get();
      } catch (DatadogApiException e) {
        int status = e.status();
        boolean final4xx = status >= 400 && status < 500 && status != 408 && status != 429;
        Optional<Duration> reset = e.retryAfter().filter(d -> !d.isNegative());
        Duration wait = reset.orElse(next);
        if (final4xx || waited.plus(wait).compareTo(RETRY_BUDGET) > 0) {
          throw e;
        }
        try {
          pause.pause(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        waited = waited.plus(wait);
        if (reset.isEmpty()) {
          next = next.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : next.multipliedBy(2);
        }
      }
    }
  }

  public Result export(List<String> webhooks, List<String> variables, Options options) {
    return export(webhooks, variables, List.of(), false, options);
  }

  /**
   * Also {@code authMethods} (by name), or every auth method of the org ({@code allAuthMethods}, the list endpoint):
   * their client secret is left for the user to fill, as a secret variable's value.
   */
  public Result export(List<String> webhooks, List<String> variables, List<String> authMethods,
      boolean allAuthMethods, Options options) {
    Run run = new Run(options);
    for (String name : webhooks) {
      run.webhook(name);
    }
    for (String name : variables) {
      run.variable(name);
    }
    List<String> methods = new ArrayList<>(authMethods);
    if (allAuthMethods) {
      try {
        retrying(datadog::listAuthMethods).stream().map(AuthMethod::name).filter(n -> !methods.contains(n))
            .forEach(methods::add);
      } catch (DatadogApiException e) {
        run.problems.add("auth methods not listed: " + e.getMessage());
      }
    }
    for (String name : methods) {
      run.authMethod(name);
    }
    Map<String, Object> secret = null;
    if (!run.secretData.isEmpty() || !run.toFill.isEmpty()) {
      secret = new LinkedHashMap<>();
      secret.put("apiVersion", "v1");
      secret.put("kind", "Secret");
      secret.put("metadata", metadata(options, options.secretName(), false));
      secret.put("type", "Opaque");
      // the keys of secret custom variables are left out on purpose: Datadog never returns their values
      secret.put("stringData", run.secretData);
    }
    return new Result(run.resources, secret, run.problems, run.toFill);
  }

  /** One export: what it produced so far. */
  private final class Run {
    final Options options;
    final CredentialHints hints;
    final KubeNames names = new KubeNames();
    final List<Map<String, Object>> resources = new ArrayList<>();
    final Map<String, String> secretData = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    final List<String> toFill = new ArrayList<>();

    Run(Options options) {
      this.options = options;
      this.hints = new CredentialHints(options.secretHeaders());
    }

    void webhook(String name) {
      Optional<Webhook> found = read(() -> datadog.getWebhook(name), "webhook", name);
      if (found.isEmpty()) {
        return;
      }
      Webhook actual = found.get();
      String metadataName = names.of(name);
      Map<String, String> secrets = new LinkedHashMap<>();
      Map<String, Object> spec = new LinkedHashMap<>();
      if (!metadataName.equals(name)) {
        spec.put("name", name);
      }
      if (actual.url() != null && CredentialHints.urlCarriesCredentials(actual.url())) {
        String key = metadataName + "-url";
        secrets.put(key, actual.url());
        spec.put("urlFrom", secretRef(key));
      } else {
        spec.put("url", actual.url());
      }
      spec.put("encodeAs", actual.encodeAs() == null ? Webhook.ENCODE_JSON : actual.encodeAs());
      if (actual.payload() != null) {
        Optional<String> pretty = prettyJson(actual.payload());
        if (pretty.isEmpty()) {
          problems.add("webhook '" + name + "' not exported: its payload is not JSON, which the operator refuses");
          return;
        }
        spec.put("payload", pretty.get());
      }
      if (actual.customHeaders() != null && !actual.customHeaders().isBlank()) {
        List<Map<String, Object>> headers = headers(name, metadataName, actual.customHeaders(), secrets);
        if (headers == null) {
          return;
        }
        if (!headers.isEmpty()) {
          spec.put("customHeaders", headers);
        }
      }
      credentialsRef(spec);
      DatadogWebhookSpec typed = JSON.convertValue(spec, DatadogWebhookSpec.class);
      if (exact(WEBHOOKS, typed, metadataName, secrets, actual, "webhook", name)) {
        secretData.putAll(secrets);
        resources.add(resource("DatadogWebhook", metadataName, spec));
      }
    }

    /** The headers as spec entries, credentials moved to {@code secrets}; null when they cannot be exported. */
    List<Map<String, Object>> headers(String name, String metadataName, String text, Map<String, String> secrets) {
      JsonNode parsed;
      try {
        parsed = JSON.readTree(text);
      } catch (Exception e) {
        parsed = null;
      }
      if (parsed == null || !parsed.isObject()) {
        problems.add("webhook '" + name + "' not exported: its custom headers are not a JSON object");
        return null;
      }
      List<Map<String, Object>> headers = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = parsed.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> h = it.next();
        if (!h.getValue().isTextual()) {
          problems.add("webhook '" + name + "' not exported: header '" + h.getKey() + "' is not a string");
          return null;
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("name", h.getKey());
        if (hints.secretHeader(h.getKey())) {
          String key = metadataName + "-header-" + h.getKey().toLowerCase(java.util.Locale.ROOT)
              .replaceAll("[^a-z0-9-]+", "-");
          secrets.put(key, h.getValue().asText());
          header.put("valueFrom", secretRef(key));
        } else {
          header.put("value", h.getValue().asText());
        }
        headers.add(header);
      }
      return headers;
    }

    void variable(String name) {
      Optional<CustomVariable> found = read(() -> datadog.getCustomVariable(name), "custom variable", name);
      if (found.isEmpty()) {
        return;
      }
      CustomVariable actual = found.get();
      String metadataName = names.of(name);
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("name", name);
      spec.put("isSecret", actual.isSecret());
      if (actual.isSecret()) {
        String key = metadataName;
        spec.put("valueFrom", secretRef(key));
        toFill.add("custom variable '" + name + "': Secret '" + options.secretName() + "' key '" + key + "'");
      } else {
        spec.put("value", actual.value());
      }
      credentialsRef(spec);
      DatadogCustomVariableSpec typed = JSON.convertValue(spec, DatadogCustomVariableSpec.class);
      List<String> invalid = VARIABLES.validate(typed, metadataName);
      if (!invalid.isEmpty()) {
        problems.add("custom variable '" + name + "' not exported: the operator would refuse it ("
            + String.join("; ", invalid) + ")");
        return;
      }
      if (actual.isSecret() || exact(VARIABLES, typed, metadataName, Map.of(), actual, "custom variable", name)) {
        resources.add(resource("DatadogCustomVariable", metadataName, spec));
      }
    }

    void authMethod(String name) {
      Optional<AuthMethod> found = read(() -> datadog.getAuthMethod(name), "auth method", name);
      if (found.isEmpty()) {
        return;
      }
      AuthMethod actual = found.get();
      String metadataName = names.of(name);
      Map<String, Object> spec = new LinkedHashMap<>();
      if (!metadataName.equals(name)) {
        spec.put("name", name);
      }
      Map<String, Object> oauth2 = new LinkedHashMap<>();
      oauth2.put("accessTokenUrl", actual.accessTokenUrl());
      oauth2.put("clientId", actual.clientId());
      String key = metadataName + "-client-secret";
      oauth2.put("clientSecretFrom", secretRef(key));
      if (actual.audience() != null) {
        oauth2.put("audience", actual.audience());
      }
      if (actual.scope() != null) {
        oauth2.put("scope", actual.scope());
      }
      spec.put("oauth2ClientCredentials", oauth2);
      credentialsRef(spec);
      DatadogWebhookAuthMethodSpec typed = JSON.convertValue(spec, DatadogWebhookAuthMethodSpec.class);
      // the client secret is unknown: a stand-in lets the checks run; the adoption applies the real one once
      if (exact(AUTH_METHODS, typed, metadataName, Map.of(key, "to-be-filled"), actual, "auth method", name)) {
        toFill.add("auth method '" + name + "': Secret '" + options.secretName() + "' key '" + key + "' (its client"
            + " secret)");
        resources.add(resource("DatadogWebhookAuthMethod", metadataName, spec));
      }
    }

    /**
     * Whether the spec, applied, is exactly what Datadog holds (so adopting it writes nothing); a problem otherwise.
     * Messages name fields, never values.
     */
    <S extends io.ddwebhooks.operator.crd.ManagedSpec, T> boolean exact(ResourceKind<S, T> kind, S spec,
        String metadataName, Map<String, String> secrets, T actual, String noun, String name) {
      List<String> invalid = new ArrayList<>(kind.validate(spec, metadataName));
      Map<SecretKeySelector, String> values = new LinkedHashMap<>();
      secrets.forEach((k, v) -> values.put(new SecretKeySelector(options.secretName(), k), v));
      SecretValues secretValues = new SecretValues(values, Map.of());
      invalid.addAll(kind.validateSecretValues(spec, secretValues));
      if (!invalid.isEmpty()) {
        problems.add(noun + " '" + name + "' not exported: the operator would refuse it (" + String.join("; ",
            invalid) + ")");
        return false;
      }
      T desired = kind.render(spec, metadataName, secretValues, ResourceKind.History.NONE);
      // a value Datadog never returns (a client secret) cannot differ from what the user fills in
      List<String> differences = kind.differences(desired, actual, true);
      if (!differences.isEmpty()) {
        problems.add(noun + " '" + name + "' not exported: applied, it would change " + String.join(", ",
            differences) + " in Datadog");
        return false;
      }
      return true;
    }

    <V> Optional<V> read(java.util.function.Supplier<Optional<V>> get, String noun, String name) {
      try {
        Optional<V> found = retrying(get);
        if (found.isEmpty()) {
          problems.add(noun + " '" + name + "' not found in Datadog");
        }
        return found;
      } catch (DatadogApiException e) {
        problems.add(noun + " '" + name + "' not exported: " + e.getMessage());
        return Optional.empty();
      }
    }

    /** Names the org's credentials, when the export read another org than the default. */
    void credentialsRef(Map<String, Object> spec) {
      if (options.credentials() != null) {
        spec.put("credentialsRef", Map.of("kind", options.credentials().getKind(), "name",
            options.credentials().getName()));
      }
    }

    Map<String, Object> secretRef(String key) {
      return Map.of("secretKeyRef", Map.of("name", options.secretName(), "key", key));
    }

    Map<String, Object> resource(String kind, String metadataName, Map<String, Object> spec) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("apiVersion", "ddwebhooks.io/v1alpha1");
      r.put("kind", kind);
      r.put("metadata", metadata(options, metadataName, true));
      r.put("spec", spec);
      return r;
    }
  }

  private static Map<String, Object> metadata(Options options, String name, boolean adopt) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    if (options.namespace() != null) {
      m.put("namespace", options.namespace());
    }
    if (adopt) {
      m.put("annotations", Map.of(Annotations.ADOPT, "true"));
    }
    return m;
  }

  /** The payload as indented JSON text (Datadog stores it as one line); empty when it is not JSON. */
  static Optional<String> prettyJson(String payload) {
    try {
      JsonNode node = JSON.readTree(payload);
      return node == null ? Optional.empty()
          : Optional.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
