package io.ddwebhooks.operator.templates;

import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static io.ddwebhooks.operator.testing.Fixtures.webhookFromSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddwebhooks.operator.config.TemplateRules;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Template variables through the whole operator: typos reported (VariablesResolved), custom variables confined to
 * their namespace (VARIABLE_ACCESS), and what a receiver would get (the emulator's rendering). The resync interval is
 * 10 minutes, so every change seen here comes from a watch.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TemplateVariablesIT {

  private static final String TYPE = "VariablesResolved";
  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = OperatorHarness.start();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static DatadogWebhook withPayload(String ns, String name, String payload) {
    DatadogWebhook w = webhook(ns, name, "https://hooks.example.com/" + name);
    w.getSpec().setPayload(payload);
    return w;
  }

  private static <R> UnaryOperator<R> change(Consumer<R> edit) {
    return r -> {
      edit.accept(r);
      return r;
    };
  }

  private static Optional<Condition> variables(String ns, String name) {
    DatadogWebhook w = h.get(DatadogWebhook.class, ns, name);
    return w == null || w.getStatus() == null ? Optional.empty()
        : w.getStatus().getConditions().stream().filter(c -> c.getType().equals(TYPE)).findFirst();
  }

  private static Condition awaitVariables(String ns, String name, String status) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(variables(ns, name))
        .hasValueSatisfying(c -> assertThat(c.getStatus()).as("message: %s", c.getMessage()).isEqualTo(status)));
    return variables(ns, name).orElseThrow();
  }

  @Test
  void aTypoIsReportedThenFixed() {
    h.create(withPayload("typo", "typo-hook", "{\"title\": \"$EVENT_TITEL\", \"host\": \"$HOSTNAME\"}"));
    h.awaitSynced(DatadogWebhook.class, "typo", "typo-hook"); // warn mode: Datadog accepts the template
    Condition c = awaitVariables("typo", "typo-hook", "False");
    assertThat(c.getReason()).isEqualTo("UnknownVariable");
    assertThat(c.getMessage()).contains("$EVENT_TITEL - did you mean $EVENT_TITLE?").doesNotContain("HOSTNAME");
    await().untilAsserted(() -> assertThat(h.events("typo", "typo-hook"))
        .anySatisfy(e -> assertThat(e.getReason() + " " + e.getType() + " " + e.getMessage())
            .contains("UnknownVariable Warning").contains("$EVENT_TITEL")));

    h.edit(DatadogWebhook.class, "typo", "typo-hook",
        change(w -> w.getSpec().setPayload("{\"title\": \"$EVENT_TITLE\", \"host\": \"$HOSTNAME\"}")));
    assertThat(awaitVariables("typo", "typo-hook", "True").getReason()).isEqualTo("Resolved");
    h.awaitSynced(DatadogWebhook.class, "typo", "typo-hook");
  }

  @Test
  void aTypoInATemplateFromASecretIsReportedWithoutTheNames() {
    h.secret("typo-secret", "hook-url", Map.of("url", "https://hooks.example.com/$EVENT_TITEL"));
    h.create(webhookFromSecret("typo-secret", "secret-url-hook", "hook-url", "url"));
    Condition c = awaitVariables("typo-secret", "secret-url-hook", "False");
    assertThat(c.getMessage()).contains("spec.urlFrom", "'url'").doesNotContain("TITEL", "hooks.example.com");
    await().untilAsserted(() -> assertThat(h.events("typo-secret", "secret-url-hook"))
        .extracting(Event::getReason).contains("UnknownVariable"));
    assertThat(h.events("typo-secret", "secret-url-hook")).extracting(Event::getMessage)
        .noneMatch(m -> m.contains("TITEL"));
  }

  @Test
  void aVariableCreatedAfterTheWebhookClearsTheWarning() {
    h.create(withPayload("late", "late-hook", "{\"env\": \"$LATE_ENVIRONMENT\"}"));
    assertThat(awaitVariables("late", "late-hook", "False").getMessage()).contains("$LATE_ENVIRONMENT");

    h.create(variable("late", "late-environment", "staging", false));
    awaitVariables("late", "late-hook", "True");

    // and the warning comes back when the variable goes
    h.delete(DatadogCustomVariable.class, "late", "late-environment");
    h.awaitGone(DatadogCustomVariable.class, "late", "late-environment");
    awaitVariables("late", "late-hook", "False");
  }

  @Test
  void aSecretVariableOfAnotherNamespaceIsRefusedUntilShared() {
    h.create(variable("team-b", "b-signing-key", "b-secret-value-42", true));
    h.awaitSynced(DatadogCustomVariable.class, "team-b", "b-signing-key");
    h.create(withPayload("team-a", "a-hook", "{\"sig\": \"$B_SIGNING_KEY\"}"));

    Condition ready = h.awaitReason(DatadogWebhook.class, "team-a", "a-hook", Reason.VariableNotAllowed);
    assertThat(ready.getMessage()).contains("$B_SIGNING_KEY").doesNotContain("b-secret-value-42", "team-b",
        "b-signing-key");
    assertThat(h.writesFor("a-hook")).as("nothing written for a refused template").isEmpty();
    assertThat(h.datadog.webhook("a-hook")).isEmpty();
    await().untilAsserted(() -> assertThat(h.events("team-b", "b-signing-key"))
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("ForeignReferences")));
    assertThat(h.events("team-b", "b-signing-key")).filteredOn(e -> e.getReason().equals("ForeignReferences"))
        .allSatisfy(e -> assertThat(e.getMessage()).contains("1 webhook(s)").doesNotContain("team-a", "a-hook"));

    h.edit(DatadogCustomVariable.class, "team-b", "b-signing-key",
        change(v -> v.getMetadata().setAnnotations(Map.of("ddwebhooks.io/shared-with", "team-x, team-a"))));
    h.awaitSynced(DatadogWebhook.class, "team-a", "a-hook");
    assertThat(h.datadog.webhook("a-hook")).isPresent();
  }

  @Test
  void aVariableTurnedSecretLaterWithdrawsTheWebhooksThatMayNoLongerSendIt() {
    h.create(variable("team-c", "c-region", "eu-west", false));
    h.awaitSynced(DatadogCustomVariable.class, "team-c", "c-region");
    h.create(withPayload("team-d", "d-hook", "{\"region\": \"$C_REGION\"}"));
    h.awaitSynced(DatadogWebhook.class, "team-d", "d-hook");

    h.edit(DatadogCustomVariable.class, "team-c", "c-region", change(v -> v.getSpec().setIsSecret(true)));
    Condition ready = h.awaitReason(DatadogWebhook.class, "team-d", "d-hook", Reason.VariableNotAllowed);
    assertThat(ready.getMessage()).contains("$C_REGION", "secret").doesNotContain("eu-west");
    // left in Datadog, every notification would send the secret to team-d's receiver: it is taken out, and said so
    await().untilAsserted(() -> assertThat(h.datadog.webhook("d-hook")).isEmpty());
    await().untilAsserted(() -> assertThat(h.events("team-d", "d-hook")).anySatisfy(e -> assertThat(e.getReason())
        .isEqualTo("Withdrawn")));
    assertThat(h.get(DatadogWebhook.class, "team-d", "d-hook").getStatus().getRemoteName()).isNull();

    // once team-c shares it with team-d, the webhook is written again
    h.edit(DatadogCustomVariable.class, "team-c", "c-region", change(v -> v.getMetadata().setAnnotations(
        java.util.Map.of("ddwebhooks.io/shared-with", "team-d"))));
    h.awaitSynced(DatadogWebhook.class, "team-d", "d-hook");
    assertThat(h.datadog.webhook("d-hook")).isPresent();
  }

  @Test
  void theEmulatorShowsWhatAReceiverWouldGet() throws Exception {
    h.create(variable("render", "render-environment", "production", false));
    h.create(withPayload("render", "render-hook",
        "{\"title\": \"$EVENT_TITLE\", \"env\": \"$RENDER_ENVIRONMENT\", \"role\": \"$TAGS[role]\"}"));
    h.awaitSynced(DatadogCustomVariable.class, "render", "render-environment");
    h.awaitSynced(DatadogWebhook.class, "render", "render-hook");
    awaitVariables("render", "render-hook", "True");

    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(h.datadog.baseUrl() + DatadogEmulator.NOTIFICATIONS + "/render-hook"))
        .header("DD-API-KEY", OperatorHarness.API_KEY).header("DD-APPLICATION-KEY", OperatorHarness.APP_KEY)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode notification = new ObjectMapper().readTree(response.body());
    assertThat(notification.path("url").asText()).isEqualTo("https://hooks.example.com/render-hook");
    JsonNode body = new ObjectMapper().readTree(notification.path("body").asText());
    assertThat(body.path("title").asText()).isEqualTo("[Triggered] Load is high");
    assertThat(body.path("env").asText()).isEqualTo("production");
    assertThat(body.path("role").asText()).isEqualTo("computing-node");
  }

  @Test
  void refuseModeBlocksUnknownVariables() {
    try (OperatorHarness strict = OperatorHarness.start(c -> c.withTemplateRules(
        TemplateRules.parse("namespace", "refuse")))) {
      DatadogWebhook w = withPayload("strict", "strict-hook", "{\"title\": \"$EVENT_TITEL\"}");
      strict.create(w);
      Condition ready = strict.awaitReason(DatadogWebhook.class, "strict", "strict-hook", Reason.UnknownVariable);
      assertThat(ready.getMessage()).contains("$EVENT_TITEL", "UNKNOWN_VARIABLES=refuse");
      assertThat(strict.datadog.webhook("strict-hook")).isEmpty();

      // namespace mode: a plain variable of another namespace is refused too
      strict.create(variable("other", "other-plain", "x", false));
      strict.awaitSynced(DatadogCustomVariable.class, "other", "other-plain");
      strict.edit(DatadogWebhook.class, "strict", "strict-hook",
          change(x -> x.getSpec().setPayload("{\"title\": \"$EVENT_TITLE\", \"v\": \"$OTHER_PLAIN\"}")));
      strict.awaitReason(DatadogWebhook.class, "strict", "strict-hook", Reason.VariableNotAllowed);
      strict.edit(DatadogWebhook.class, "strict", "strict-hook",
          change(x -> x.getSpec().setPayload("{\"title\": \"$EVENT_TITLE\"}")));
      strict.awaitSynced(DatadogWebhook.class, "strict", "strict-hook");
      assertThat(strict.datadog.webhook("strict-hook")).isPresent();
    }
  }
}
