package io.ddwebhooks.operator.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ddwebhooks.operator.crd.CustomHeader;
import io.ddwebhooks.operator.crd.DatadogWebhookSpec;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.datadog.Webhook;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Translates a DatadogWebhook into the Datadog webhook it asks for, and compares webhooks by meaning. */
public final class WebhookKind implements ResourceKind<DatadogWebhookSpec, Webhook> {

  private static final Pattern NAME = Pattern.compile(DatadogWebhookSpec.NAME_PATTERN);

  @Override
  public boolean createsWithoutRead() {
    // a POST of a taken webhook name answers "Webhook already exists" (datadog-api.md) and never overwrites
    return true;
  }

  @Override
  public String noun() {
    return "webhook";
  }

  /** spec.name, else metadata.name. */
  @Override
  public String datadogName(DatadogWebhookSpec spec, String metadataName) {
    return ResourceKind.specNameOr(spec == null ? null : spec.getName(), metadataName);
  }

  @Override
  public List<String> validate(DatadogWebhookSpec spec, String metadataName) {
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      return List.of("spec is required");
    }
    String name = datadogName(spec, metadataName);
    if (!NAME.matcher(name).matches()) {
      problems.add("webhook name '" + name + "' may contain only letters, digits, '_' and '-'"
          + (spec.getName() == null ? " (it defaults to metadata.name; set spec.name)" : ""));
    }
    if ((spec.getUrl() == null) == (spec.getUrlFrom() == null)) {
      problems.add("exactly one of spec.url and spec.urlFrom must be set");
    } else if (spec.getUrl() != null) {
      ValueChecks.url("spec.url", spec.getUrl()).ifPresent(problems::add);
    }
    if (spec.getUrlFrom() != null) {
      problems.addAll(SecretRefs.validate("spec.urlFrom", spec.getUrlFrom()));
    }
    if (spec.getPayload() != null) {
      ValueChecks.payload("spec.payload", spec.getPayload()).ifPresent(problems::add);
    }
    if (spec.getCustomHeaders().size() > ValueChecks.MAX_HEADERS) {
      problems.add("spec.customHeaders has more than " + ValueChecks.MAX_HEADERS + " headers");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < spec.getCustomHeaders().size(); i++) {
      CustomHeader h = spec.getCustomHeaders().get(i);
      String where = "spec.customHeaders[" + i + "]";
      if (h == null || h.getName() == null || h.getName().isBlank()) {
        problems.add(where + ".name is required");
        continue;
      }
      Optional<String> badName = ValueChecks.headerName(where + ".name", h.getName());
      if (badName.isPresent()) {
        problems.add(badName.get());
      } else if (!seen.add(h.getName().toLowerCase(Locale.ROOT))) {
        problems.add(where + ": header '" + h.getName() + "' is listed twice");
      }
      if ((h.getValue() == null) == (h.getValueFrom() == null)) {
        problems.add(where + ": exactly one of value and valueFrom must be set");
      } else if (h.getValueFrom() != null) {
        problems.addAll(SecretRefs.validate(where + ".valueFrom", h.getValueFrom()));
      } else {
        ValueChecks.headerValue(where + ".value", h.getValue()).ifPresent(problems::add);
      }
    }
    return problems;
  }

  @Override
  public boolean hasTemplates() {
    return true;
  }

  @Override
  public List<VariableCheck.Text> templates(DatadogWebhookSpec spec, SecretValues secrets) {
    return texts(spec, secrets::get);
  }

  /** The literal texts of a spec (what can be indexed without reading Secrets); safe on an invalid spec. */
  public static List<String> literalTemplates(DatadogWebhookSpec spec) {
    return spec == null ? List.of() : texts(spec, ref -> null).stream().filter(t -> !t.fromSecret())
        .map(VariableCheck.Text::text).toList();
  }

  /**
   * The URL, each header's name and value, and the payload, with where each is; {@code secret} reads a Secret-held
   * one. Header names count: Datadog fills variables in the headers' JSON as one text, names included.
   */
  private static List<VariableCheck.Text> texts(DatadogWebhookSpec spec, Function<SecretKeySelector, String> secret) {
    List<VariableCheck.Text> texts = new ArrayList<>();
    if (spec.getUrl() != null) {
      texts.add(new VariableCheck.Text("spec.url", spec.getUrl(), false));
    } else if (spec.getUrlFrom() != null && spec.getUrlFrom().getSecretKeyRef() != null) {
      SecretKeySelector ref = spec.getUrlFrom().getSecretKeyRef();
      texts.add(new VariableCheck.Text(ValueChecks.fromSecret("spec.urlFrom", ref), secret.apply(ref), true));
    }
    for (int i = 0; i < spec.getCustomHeaders().size(); i++) {
      CustomHeader h = spec.getCustomHeaders().get(i);
      if (h != null && h.getName() != null) {
        texts.add(new VariableCheck.Text("spec.customHeaders[" + i + "].name", h.getName(), false));
      }
      if (h != null && h.getValue() != null) {
        texts.add(new VariableCheck.Text("spec.customHeaders[" + i + "].value", h.getValue(), false));
      } else if (h != null && h.getValueFrom() != null && h.getValueFrom().getSecretKeyRef() != null) {
        SecretKeySelector ref = h.getValueFrom().getSecretKeyRef();
        texts.add(new VariableCheck.Text(ValueChecks.fromSecret("spec.customHeaders[" + i + "].valueFrom", ref),
            secret.apply(ref), true));
      }
    }
    texts.add(new VariableCheck.Text("spec.payload", spec.getPayload() != null ? spec.getPayload()
        : Webhook.DEFAULT_PAYLOAD, false));
    return texts;
  }


  /** The checks literal values get, on the values read from Secrets (named by Secret and key, never shown). */
  @Override
  public List<String> validateSecretValues(DatadogWebhookSpec spec, SecretValues secrets) {
    List<String> problems = new ArrayList<>();
    if (spec.getUrlFrom() != null) {
      SecretKeySelector ref = spec.getUrlFrom().getSecretKeyRef();
      ValueChecks.url(ValueChecks.fromSecret("spec.urlFrom", ref), ValueChecks.singleLine(secrets.get(ref)))
          .ifPresent(problems::add);
    }
    for (int i = 0; i < spec.getCustomHeaders().size(); i++) {
      CustomHeader h = spec.getCustomHeaders().get(i);
      if (h.getValueFrom() != null) {
        SecretKeySelector ref = h.getValueFrom().getSecretKeyRef();
        ValueChecks.headerValue(ValueChecks.fromSecret("spec.customHeaders[" + i + "].valueFrom", ref),
            ValueChecks.singleLine(secrets.get(ref))).ifPresent(problems::add);
      }
    }
    return problems;
  }

  @Override
  public List<SecretKeySelector> secretRefs(DatadogWebhookSpec spec) {
    List<SecretKeySelector> refs = new ArrayList<>();
    if (spec.getUrlFrom() != null) {
      refs.add(spec.getUrlFrom().getSecretKeyRef());
    }
    for (CustomHeader h : spec.getCustomHeaders()) {
      if (h.getValueFrom() != null) {
        refs.add(h.getValueFrom().getSecretKeyRef());
      }
    }
    return refs;
  }

  @Override
  public Webhook render(DatadogWebhookSpec spec, String metadataName, SecretValues secrets, History history) {
    String url = spec.getUrl() != null ? spec.getUrl()
        : ValueChecks.singleLine(secrets.get(spec.getUrlFrom().getSecretKeyRef()));
    String headers = null;
    if (!spec.getCustomHeaders().isEmpty()) {
      ObjectNode object = JsonText.mapper().createObjectNode();
      for (CustomHeader h : spec.getCustomHeaders()) {
        object.put(h.getName(), h.getValue() != null ? h.getValue()
            : ValueChecks.singleLine(secrets.get(h.getValueFrom().getSecretKeyRef())));
      }
      headers = object.toString();
    }
    String payload = spec.getPayload() != null ? spec.getPayload() : Webhook.DEFAULT_PAYLOAD;
    String encodeAs = spec.getEncodeAs() != null ? spec.getEncodeAs().wireValue() : Webhook.ENCODE_JSON;
    return new Webhook(datadogName(spec, metadataName), url, payload, headers, encodeAs);
  }

  @Override
  public String nameOf(Webhook object) {
    return object.name();
  }

  @Override
  public String canonical(Webhook w) {
    ObjectNode n = JsonText.mapper().createObjectNode();
    n.put("name", w.name());
    n.put("url", w.url());
    n.set("payload", JsonText.parse(w.payload()).orElse(JsonText.mapper().getNodeFactory().textNode(w.payload())));
    n.set("custom_headers", JsonText.parse(w.customHeaders()).orElse(null));
    n.put("encode_as", w.encodeAs());
    return n.toString();
  }

  /** Everything: Datadog returns every field of a webhook, with its defaults filled in. */
  @Override
  public String recognizable(Webhook w) {
    return canonical(new Webhook(w.name(), w.url(), w.payload() == null ? Webhook.DEFAULT_PAYLOAD : w.payload(),
        headersOrEmpty(w.customHeaders()), w.encodeAs() == null ? Webhook.ENCODE_JSON : w.encodeAs()));
  }

  @Override
  public List<String> differences(Webhook desired, Webhook actual, boolean appliedBefore) {
    List<String> diffs = new ArrayList<>();
    if (!Objects.equals(desired.name(), actual.name())) {
      diffs.add("name");
    }
    if (!Objects.equals(desired.url(), actual.url())) {
      diffs.add("url");
    }
    String actualPayload = actual.payload() == null ? Webhook.DEFAULT_PAYLOAD : actual.payload();
    if (!JsonText.same(desired.payload(), actualPayload)) {
      diffs.add("payload");
    }
    if (!JsonText.same(headersOrEmpty(desired.customHeaders()), headersOrEmpty(actual.customHeaders()))) {
      diffs.add("customHeaders");
    }
    String actualEncoding = actual.encodeAs() == null ? Webhook.ENCODE_JSON : actual.encodeAs();
    if (!Objects.equals(desired.encodeAs(), actualEncoding)) {
      diffs.add("encodeAs");
    }
    return diffs;
  }

  @Override
  public Optional<String> renameNotice(String oldName, String newName) {
    return Optional.of("renamed webhook '" + oldName + "' to '" + newName + "': Datadog does not update monitors"
        + " that notify @webhook-" + oldName + "; change them to @webhook-" + newName);
  }

  /** null, "" and "{}" all mean "no headers". */
  private static String headersOrEmpty(String headers) {
    return headers == null || headers.isBlank() ? "{}" : headers;
  }
}
