package io.ddwebhooks.operator.sync;

import static io.ddwebhooks.operator.testing.Fixtures.header;
import static io.ddwebhooks.operator.testing.Fixtures.headerFromSecret;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.EncodeAs;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.crd.ValueSource;
import io.ddwebhooks.operator.datadog.Webhook;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookKindTest {

  private final WebhookKind kind = new WebhookKind();

  @Test
  void nameDefaultsToMetadataNameAndSpecNameWins() {
    DatadogWebhook w = webhook("ns", "team-alerts", "https://x.example.com");
    assertThat(name(w)).isEqualTo("team-alerts");
    w.getSpec().setName("Team_Alerts-2");
    assertThat(name(w)).isEqualTo("Team_Alerts-2");
  }

  @Test
  void validSpecHasNoProblems() {
    DatadogWebhook w = webhook("ns", "ok", "https://x.example.com/path?q=1");
    w.getSpec().setPayload("{\"text\": \"$EVENT_TITLE\"}");
    w.getSpec().setCustomHeaders(List.of(header("X-A", "1"), headerFromSecret("Authorization", "s", "k")));
    assertThat(validate(w)).isEmpty();
  }

  @Test
  void invalidSpecsAreExplained() {
    DatadogWebhook dotted = webhook("ns", "has.dot", "https://x.example.com");
    assertThat(validate(dotted)).singleElement().asString().contains("set spec.name");

    DatadogWebhook spaced = webhook("ns", "ok", "https://x.example.com");
    spaced.getSpec().setName("has space");
    assertThat(validate(spaced)).singleElement().asString().contains("letters, digits");

    DatadogWebhook both = webhook("ns", "ok", "https://x.example.com");
    both.getSpec().setUrlFrom(ValueSource.secret("s", "k"));
    assertThat(validate(both)).containsExactly("exactly one of spec.url and spec.urlFrom must be set");

    DatadogWebhook neither = webhook("ns", "ok", null);
    assertThat(validate(neither)).containsExactly("exactly one of spec.url and spec.urlFrom must be set");

    DatadogWebhook noScheme = webhook("ns", "ok", "example.com/hook");
    assertThat(validate(noScheme)).containsExactly("spec.url must start with http:// or https://");

    DatadogWebhook badPayload = webhook("ns", "ok", "https://x.example.com");
    badPayload.getSpec().setPayload("{not json");
    assertThat(validate(badPayload)).singleElement().asString().contains("spec.payload must be JSON");

    DatadogWebhook dupHeader = webhook("ns", "ok", "https://x.example.com");
    dupHeader.getSpec().setCustomHeaders(List.of(header("X-A", "1"), header("x-a", "2")));
    assertThat(validate(dupHeader)).singleElement().asString().contains("listed twice");

    DatadogWebhook headerBoth = webhook("ns", "ok", "https://x.example.com");
    headerBoth.getSpec().setCustomHeaders(List.of(new io.ddwebhooks.operator.crd.CustomHeader("X", "v",
        ValueSource.secret("s", "k"))));
    assertThat(validate(headerBoth)).singleElement().asString().contains("exactly one of value and valueFrom");
  }

  @Test
  void rendersTheFullBodyWithDefaultsAndSecretValues() {
    DatadogWebhook w = webhook("ns", "hook", null);
    w.getSpec().setUrlFrom(ValueSource.secret("creds", "url"));
    w.getSpec().setCustomHeaders(List.of(header("X-Team", "core"), headerFromSecret("Authorization", "creds", "tok")));
    SecretValues secrets = new SecretValues(Map.of(
        new SecretKeySelector("creds", "url"), "https://h.example.com/T0KEN",
        new SecretKeySelector("creds", "tok"), "Bearer abc"), Map.of("creds", "7"));

    assertThat(kind.secretRefs(w.getSpec())).containsExactly(new SecretKeySelector("creds", "url"),
        new SecretKeySelector("creds", "tok"));
    Webhook rendered = kind.render(w.getSpec(), w.getMetadata().getName(), secrets, ResourceKind.History.NONE);
    assertThat(rendered.name()).isEqualTo("hook");
    assertThat(rendered.url()).isEqualTo("https://h.example.com/T0KEN");
    assertThat(rendered.payload()).isEqualTo(Webhook.DEFAULT_PAYLOAD);
    assertThat(rendered.encodeAs()).isEqualTo("json");
    assertThat(rendered.customHeaders()).isEqualTo("{\"X-Team\":\"core\",\"Authorization\":\"Bearer abc\"}");

    w.getSpec().setEncodeAs(EncodeAs.FORM);
    w.getSpec().setCustomHeaders(List.of());
    assertThat(kind.render(w.getSpec(), w.getMetadata().getName(), secrets, ResourceKind.History.NONE).encodeAs()).isEqualTo("form");
    assertThat(kind.render(w.getSpec(), w.getMetadata().getName(), secrets, ResourceKind.History.NONE).customHeaders()).isNull();
  }

  @Test
  void formattingAndServerDefaultsAreNotDrift() {
    Webhook desired = new Webhook("h", "https://x", "{\"a\": 1, \"b\": [1, 2]}", "{\"X\":\"1\"}", "json");
    Webhook actual = new Webhook("h", "https://x", "{\n  \"b\": [1,2],\n  \"a\": 1\n}", "{ \"X\" : \"1\" }", null);
    assertThat(kind.differences(desired, actual, false)).isEmpty();

    Webhook defaults = new Webhook("h", "https://x", Webhook.DEFAULT_PAYLOAD, null, "json");
    assertThat(kind.differences(defaults, new Webhook("h", "https://x", null, "", "json"), false)).isEmpty();
    assertThat(kind.differences(defaults, new Webhook("h", "https://x", Webhook.DEFAULT_PAYLOAD, "{}", "json"),
        false)).isEmpty();
  }

  @Test
  void realDifferencesAreNamedByField() {
    Webhook desired = new Webhook("h", "https://x", "{\"a\":1}", "{\"X\":\"1\"}", "json");
    Webhook actual = new Webhook("old", "https://y", "{\"a\":2}", null, "form");
    assertThat(kind.differences(desired, actual, true))
        .containsExactly("name", "url", "payload", "customHeaders", "encodeAs");
  }

  @Test
  void canonicalFormIgnoresFormatting() {
    Webhook a = new Webhook("h", "https://x", "{\"a\": 1}", null, "json");
    Webhook b = new Webhook("h", "https://x", "{\n\"a\":1}", null, "json");
    assertThat(kind.canonical(a)).isEqualTo(kind.canonical(b));
  }

  private java.util.List<String> validate(DatadogWebhook r) {
    return kind.validate(r.getSpec(), r.getMetadata().getName());
  }

  private String name(DatadogWebhook r) {
    return kind.datadogName(r.getSpec(), r.getMetadata().getName());
  }
}
