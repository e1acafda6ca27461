package io.ddwebhooks.operator.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.datadog.CustomVariable;
import io.ddwebhooks.operator.datadog.Webhook;
import io.ddwebhooks.operator.testing.EmulatedDatadog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an export makes of each kind of Datadog object, and that credentials never land in a resource. */
class ExporterTest {

  private final EmulatedDatadog datadog = new EmulatedDatadog();
  private final Exporter exporter = new Exporter(datadog);

  private Exporter.Result export(List<String> webhooks, List<String> variables, Set<String> secretHeaders) {
    return exporter.export(webhooks, variables, new Exporter.Options("team", null, secretHeaders, "exported"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("spec");
  }

  @Test
  void credentialsGoToTheSecretAndEverythingElseStaysReadable() {
    datadog.put(new Webhook("Team_Alerts", "https://hooks.slack.com/services/T0/B0/abc",
        "{\"text\": \"$EVENT_TITLE\"}", "{\"Authorization\": \"Bearer s3cr3t\", \"X-Team\": \"payments\"}", "json"));
    Exporter.Result r = export(List.of("Team_Alerts"), List.of(), Set.of());
    assertThat(r.problems()).isEmpty();
    Map<String, Object> spec = spec(r.resources().get(0));
    assertThat(r.resources().get(0).get("metadata").toString()).contains("name=team-alerts", "namespace=team",
        "ddwebhooks.io/adopt=true");
    assertThat(spec).containsEntry("name", "Team_Alerts").doesNotContainKey("url").containsKey("urlFrom");
    assertThat((String) spec.get("payload")).contains("\n").contains("$EVENT_TITLE");
    assertThat(spec.toString()).doesNotContain("s3cr3t").doesNotContain("hooks.slack.com").contains("payments");
    assertThat(r.secret().get("stringData").toString()).contains("s3cr3t", "hooks.slack.com");
  }

  @Test
  void aHeaderTheUserNamesIsSecretToo() {
    datadog.put(new Webhook("h", "https://example.com/x", null, "{\"X-Team\": \"payments\"}", "form"));
    Exporter.Result r = export(List.of("h"), List.of(), Set.of("x-team"));
    assertThat(spec(r.resources().get(0)).toString()).doesNotContain("payments").contains("encodeAs=form");
    assertThat(spec(r.resources().get(0))).containsEntry("url", "https://example.com/x").doesNotContainKey("name");
  }

  @Test
  void whatTheOperatorWouldRefuseOrCannotFindIsReportedNotEmitted() {
    datadog.put(new Webhook("form", "https://example.com/x", "text=$EVENT_TITLE", null, "json"));
    Exporter.Result r = export(List.of("form", "missing"), List.of("NOPE"), Set.of());
    assertThat(r.resources()).isEmpty();
    assertThat(r.problems()).anyMatch(p -> p.contains("'form'") && p.contains("not JSON"))
        .anyMatch(p -> p.contains("'missing' not found")).anyMatch(p -> p.contains("'NOPE' not found"));
  }

  @Test
  void aSecretVariablePointsAtAKeyTheUserFills() {
    datadog.put(new CustomVariable("PAGER_KEY", "pager-secret", true));
    datadog.put(new CustomVariable("TEAM", "#payments", false));
    Exporter.Result r = export(List.of(), List.of("PAGER_KEY", "TEAM"), Set.of());
    assertThat(r.problems()).isEmpty();
    assertThat(spec(r.resources().get(0))).containsEntry("isSecret", true).containsKey("valueFrom")
        .doesNotContainKey("value");
    assertThat(spec(r.resources().get(1))).containsEntry("isSecret", false).containsEntry("value", "#payments");
    assertThat(r.toFill()).singleElement().asString().contains("PAGER_KEY", "'exported'", "'pager-key'");
    assertThat(r.secret().get("stringData").toString()).doesNotContain("pager-key").doesNotContain("pager-secret");
  }

  @Test
  void urlsThatCarryCredentialsAreRecognised() {
    assertThat(CredentialHints.urlCarriesCredentials("https://user:pw@example.com/x")).isTrue();
    assertThat(CredentialHints.urlCarriesCredentials("https://example.com/x?token=abc")).isTrue();
    assertThat(CredentialHints.urlCarriesCredentials("https://example.com/hook/9f8e7d6c5b4a39281706aa")).isTrue();
    assertThat(CredentialHints.urlCarriesCredentials("https://example.com/alerts/notify?team=payments")).isFalse();
    CredentialHints hints = new CredentialHints(Set.of("X-Custom"));
    assertThat(List.of("Authorization", "X-Api-Key", "X-Auth-Token", "Client-Secret", "x-custom"))
        .allMatch(hints::secretHeader);
    assertThat(List.of("Content-Type", "X-Team", "Accept")).noneMatch(hints::secretHeader);
  }

  @Test
  void kubernetesNamesAreValidAndUnique() {
    KubeNames names = new KubeNames();
    assertThat(names.of("Team_Alerts")).isEqualTo("team-alerts");
    assertThat(names.of("team-alerts")).isEqualTo("team-alerts-2");
    assertThat(names.of("__")).isEqualTo("object");
  }

  @Test
  void anAuthMethodIsExportedWithItsClientSecretLeftToFill() {
    datadog.put(new io.ddwebhooks.operator.datadog.AuthMethod("ServiceNow OAuth", "https://auth.example.com/token",
        "client-a", "client-secret-value", "https://api.example.com", null, null));
    datadog.put(new io.ddwebhooks.operator.datadog.AuthMethod("plain", "http://insecure.example.com/token",
        "client-b", "other-secret", null, null, null));
    Exporter.Result r = exporter.export(List.of(), List.of(), List.of(), true,
        new Exporter.Options("team", null, Set.of(), "exported"));
    assertThat(r.resources()).hasSize(1);
    Map<String, Object> resource = r.resources().get(0);
    assertThat(resource).containsEntry("kind", "DatadogWebhookAuthMethod");
    assertThat(spec(resource)).containsEntry("name", "ServiceNow OAuth");
    assertThat(spec(resource).toString()).contains("accessTokenUrl=https://auth.example.com/token",
        "clientId=client-a", "audience=https://api.example.com", "clientSecretFrom").doesNotContain("scope");
    assertThat(r.toFill()).singleElement().asString().contains("ServiceNow OAuth", "client secret");
    assertThat(r.toString()).doesNotContain("client-secret-value").doesNotContain("other-secret");
    assertThat(r.problems()).singleElement().asString().contains("'plain'", "https://");
  }

  @Test
  void rateLimitsAndOutagesAreWaitedOutForAMinuteAndARefusalIsFinal() {
    java.util.List<java.time.Duration> pauses = new java.util.ArrayList<>();
    Exporter patient = new Exporter(datadog, pauses::add);
    datadog.put(new Webhook("h", "https://example.com/x", null, null, "json"));
    datadog.emulator.failNext("GET", 2, io.ddwebhooks.emulator.Fault.rateLimited(7));
    datadog.emulator.failNext("GET", 1, io.ddwebhooks.emulator.Fault.serverError());
    Exporter.Result r = patient.export(List.of("h"), List.of(), new Exporter.Options("team", null, Set.of(),
        "exported"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.resources()).hasSize(1);
    assertThat(pauses).as("the reset Datadog named, twice; then 1 s for the 500").containsExactly(
        java.time.Duration.ofSeconds(7), java.time.Duration.ofSeconds(7), java.time.Duration.ofSeconds(1));

    pauses.clear();
    datadog.emulator.failAlways(io.ddwebhooks.emulator.Fault.serverError());
    Exporter.Result down = patient.export(List.of("h"), List.of(), new Exporter.Options("team", null, Set.of(),
        "exported"));
    datadog.emulator.clearFaults();
    assertThat(down.problems()).singleElement().asString().contains("'h' not exported", "500");
    assertThat(pauses.stream().mapToLong(java.time.Duration::toSeconds).sum()).isBetween(50L, 60L);

    pauses.clear();
    datadog.emulator.failNext("GET", 1, io.ddwebhooks.emulator.Fault.status(400, "Bad request"));
    Exporter.Result refused = patient.export(List.of("h"), List.of(), new Exporter.Options("team", null, Set.of(),
        "exported"));
    assertThat(refused.problems()).singleElement().asString().contains("400");
    assertThat(pauses).as("a 400 is final").isEmpty();
  }
}
