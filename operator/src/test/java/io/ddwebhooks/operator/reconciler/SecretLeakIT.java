package io.ddwebhooks.operator.reconciler;

import static io.ddwebhooks.operator.testing.Fixtures.headerFromSecret;
import static io.ddwebhooks.operator.testing.Fixtures.variableFromSecret;
import static io.ddwebhooks.operator.testing.Fixtures.webhookFromSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.Fault;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Secret values (from Secrets, and the Datadog keys, and the operator's Kubernetes token) never reach a log line (at
 * TRACE, everything included, raw or Base64), an Event, the status, or an exception message, on success paths and on
 * failures whose Datadog error echoes them.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretLeakIT {

  private static final String NS = "leaks";
  private static final List<String> SECRETS = List.of(
      "LEAK-URL-TOKEN-1", "LEAK-HEADER-TOKEN-2", "LEAK-VAR-VALUE-3",
      "LEAK-URL-TOKEN-4", "LEAK-HEADER-TOKEN-5", "LEAK-VAR-VALUE-6",
      OperatorHarness.API_KEY, OperatorHarness.APP_KEY, SecretLeakIT.KUBE_TOKEN);
  static final String KUBE_TOKEN = "kube-bearer-LEAK-TOKEN-7";

  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private static Level previous;
  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previous = root.getLevel();
    root.setLevel(Level.TRACE);
    LOGS.start();
    root.addAppender(LOGS);
    h = OperatorHarness.startWithOperatorToken(KUBE_TOKEN);
  }

  @AfterAll
  static void stop() {
    h.close();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(LOGS);
    root.setLevel(previous);
  }

  @Test
  void noSecretValueLeavesTheOperator() {
    h.secret(NS, "creds", Map.of(
        "url", "https://hooks.example.com/services/LEAK-URL-TOKEN-1",
        "auth", "Bearer LEAK-HEADER-TOKEN-2",
        "var", "LEAK-VAR-VALUE-3"));
    DatadogWebhook hook = webhookFromSecret(NS, "leaky", "creds", "url");
    hook.getSpec().setCustomHeaders(List.of(headerFromSecret("Authorization", "creds", "auth")));
    h.create(hook);
    h.create(variableFromSecret(NS, "leaky-var", "creds", "var", true));
    h.awaitSynced(DatadogWebhook.class, NS, "leaky");
    h.awaitSynced(DatadogCustomVariable.class, NS, "leaky-var");

    // rotation: updates carry new values
    h.secret(NS, "creds", Map.of(
        "url", "https://hooks.example.com/services/LEAK-URL-TOKEN-4",
        "auth", "Bearer LEAK-HEADER-TOKEN-5",
        "var", "LEAK-VAR-VALUE-6"));
    await().untilAsserted(() -> {
      assertThat(h.datadog.webhook("leaky").orElseThrow().get("url").asText()).endsWith("LEAK-URL-TOKEN-4");
      assertThat(h.datadog.storedVariable("LEAKY_VAR").orElseThrow().get("value").asText())
          .isEqualTo("LEAK-VAR-VALUE-6");
    });

    // a Datadog error that echoes the URL and a header back
    h.datadog.failNext("POST", DatadogEmulator.WEBHOOKS, 1, Fault.status(400,
        "Invalid url https://hooks.example.com/services/LEAK-URL-TOKEN-4 with header Bearer LEAK-HEADER-TOKEN-5"));
    DatadogWebhook echo = webhookFromSecret(NS, "echoed", "creds", "url");
    echo.getSpec().setCustomHeaders(List.of(headerFromSecret("Authorization", "creds", "auth")));
    h.create(echo);
    var rejected = h.awaitReason(DatadogWebhook.class, NS, "echoed", Reason.DatadogRejected);
    assertThat(rejected.getMessage()).contains("[redacted]");

    // the request body echoed back in a 400 (create) and in a 500 (update); headers travel as JSON inside JSON
    h.datadog.failNext("POST", DatadogEmulator.WEBHOOKS, 1, Fault.echo(400));
    DatadogWebhook echo400 = webhookFromSecret(NS, "echo-400", "creds", "url");
    echo400.getSpec().setCustomHeaders(List.of(headerFromSecret("Authorization", "creds", "auth")));
    h.create(echo400);
    assertThat(h.awaitReason(DatadogWebhook.class, NS, "echo-400", Reason.DatadogRejected).getMessage())
        .contains("invalid request: ").contains("[redacted]");

    // an older value echoed after a rotation (the new one is applied by the retry); aimed at the webhook's update,
    // the request that carried those values (the variable's update, racing it, never carried the URL or the header)
    h.datadog.failNext("PUT", DatadogEmulator.WEBHOOKS + "/", 1, Fault.status(500,
        "was https://hooks.example.com/services/LEAK-URL-TOKEN-4 with Bearer LEAK-HEADER-TOKEN-5"));
    h.datadog.failNext("PUT", DatadogEmulator.WEBHOOKS + "/", 1, Fault.echo(500));
    h.secret(NS, "creds", Map.of(
        "url", "https://hooks.example.com/services/LEAK-URL-TOKEN-1",
        "auth", "Bearer LEAK-HEADER-TOKEN-2",
        "var", "LEAK-VAR-VALUE-3"));
    await().untilAsserted(() -> assertThat(h.datadog.webhook("leaky").orElseThrow().get("url").asText())
        .endsWith("LEAK-URL-TOKEN-1"));
    await().untilAsserted(() -> assertThat(h.events(NS, "leaky")).anyMatch(e -> "DatadogUnavailable"
        .equals(e.getReason()) && e.getMessage().contains("[redacted]")));

    // the deletion path: a refusal that echoes the values, then success
    h.datadog.failNext("DELETE", DatadogEmulator.WEBHOOKS + "/", 1, Fault.status(500,
        "cannot delete https://hooks.example.com/services/LEAK-URL-TOKEN-1 (Bearer LEAK-HEADER-TOKEN-2)"));
    h.delete(DatadogWebhook.class, NS, "leaky");
    h.delete(DatadogCustomVariable.class, NS, "leaky-var");
    h.awaitGone(DatadogWebhook.class, NS, "leaky");
    h.awaitGone(DatadogCustomVariable.class, NS, "leaky-var");
    assertThat(h.events(NS, "leaky")).anyMatch(e -> e.getMessage().startsWith("could not delete")
        && e.getMessage().contains("[redacted]"));

    List<String> places = new ArrayList<>();
    for (ILoggingEvent e : logged()) {
      places.add("log: " + e.getFormattedMessage() + " " + e.getMDCPropertyMap() + throwable(e.getThrowableProxy()));
    }
    for (Event e : h.allEvents()) {
      places.add("event: " + e.getReason() + " " + e.getMessage());
    }
    for (DatadogWebhook w : h.client.resources(DatadogWebhook.class).inAnyNamespace().list().getItems()) {
      places.add("status: " + h.client.getKubernetesSerialization().asJson(w.getStatus()));
    }
    for (DatadogCustomVariable v : h.client.resources(DatadogCustomVariable.class).inAnyNamespace().list()
        .getItems()) {
      places.add("status: " + h.client.getKubernetesSerialization().asJson(v.getStatus()));
    }
    assertThat(logged()).as("the test saw the operator's logs").hasSizeGreaterThan(20);
    assertThat(logged()).as("TRACE was on").anyMatch(e -> e.getLevel() == Level.TRACE);
    assertThat(places).anyMatch(p -> p.startsWith("event: Updated"));
    for (String secret : SECRETS) {
      for (String form : forms(secret)) {
        assertThat(places).as("places mentioning %s", form).noneMatch(p -> p.contains(form));
      }
    }
  }

  @Test
  void aVariableScrubsTheOldValuesOfTheOtherKeysOfItsSecret() {
    String ns = "leaks-var";
    h.secret(ns, "shared", Map.of("url", "https://hooks.example.com/services/OTHER-KEY-OLD-8", "var", "VAR-OLD-9"));
    h.create(variableFromSecret(ns, "only-var", "shared", "var", true));
    h.awaitSynced(DatadogCustomVariable.class, ns, "only-var");
    h.secret(ns, "shared", Map.of("url", "https://hooks.example.com/services/OTHER-KEY-NEW-10", "var", "VAR-NEW-11"));
    await().untilAsserted(() -> assertThat(h.datadog.storedVariable("ONLY_VAR").orElseThrow().get("value").asText())
        .isEqualTo("VAR-NEW-11"));
    // Datadog echoes the values applied before this rotation (the other key's too) in an error
    h.datadog.failNext("PUT", DatadogEmulator.VARIABLES + "/", 1, Fault.status(500,
        "was https://hooks.example.com/services/OTHER-KEY-NEW-10 and VAR-NEW-11"));
    h.secret(ns, "shared", Map.of("url", "https://hooks.example.com/services/OTHER-KEY-NEW-12", "var", "VAR-NEW-13"));
    await().untilAsserted(() -> assertThat(h.events(ns, "only-var")).anyMatch(e -> "DatadogUnavailable"
        .equals(e.getReason())));
    await().untilAsserted(() -> assertThat(h.datadog.storedVariable("ONLY_VAR").orElseThrow().get("value").asText())
        .isEqualTo("VAR-NEW-13"));
    assertThat(h.events(ns, "only-var")).extracting(Event::getMessage)
        .noneMatch(m -> m.contains("NEW-10") || m.contains("NEW-11"));
  }

  /** The value as it is, and Base64-encoded (as Secret data travels), at each of the three alignments. */
  /**
   * Issue 22: values a write carried whose answer was a failure (it may have been applied all the same) are still
   * scrubbed after the next rotation, when Datadog echoes them: the ordering that once leaked a pre-rotation URL.
   */
  @Test
  void valuesSentByAFailedWriteAreScrubbedAfterTheNextRotation() {
    String ns = "leaks-race";
    h.secret(ns, "race", Map.of("url", "https://hooks.example.com/services/RACE-OLD-1", "var", "RACE-VAR-2"));
    h.create(variableFromSecret(ns, "racing", "race", "var", true));
    h.awaitSynced(DatadogCustomVariable.class, ns, "racing");

    // rotation A: the write that carries it fails (Datadog may or may not have applied it)
    h.datadog.failAlways(Fault.status(500, "Internal Server Error"));
    h.secret(ns, "race", Map.of("url", "https://hooks.example.com/services/RACE-SENT-3", "var", "RACE-VAR-4"));
    await().untilAsserted(() -> assertThat(h.events(ns, "racing")).anyMatch(e -> "DatadogUnavailable"
        .equals(e.getReason())));
    h.datadog.clearFaults();

    // rotation B: Datadog's answer echoes what rotation A sent
    h.datadog.failNext("PUT", DatadogEmulator.VARIABLES + "/", 1, Fault.status(500,
        "was https://hooks.example.com/services/RACE-SENT-3 and RACE-VAR-4"));
    h.secret(ns, "race", Map.of("url", "https://hooks.example.com/services/RACE-NEW-5", "var", "RACE-VAR-6"));
    await().untilAsserted(() -> assertThat(h.events(ns, "racing")).anyMatch(e -> e.getMessage().contains(": was ")));
    await().untilAsserted(() -> assertThat(h.datadog.storedVariable("RACING").orElseThrow().get("value").asText())
        .isEqualTo("RACE-VAR-6"));
    List<String> places = new ArrayList<>();
    h.events(ns, "racing").forEach(e -> places.add("event: " + e.getMessage()));
    logged().forEach(e -> places.add("log: " + e.getFormattedMessage()));
    for (String secret : List.of("RACE-SENT-3", "RACE-VAR-4")) {
      assertThat(places).as("places mentioning %s", secret).noneMatch(p -> p.contains(secret));
    }
  }

  /**
   * What was logged so far. The operator keeps logging while a test reads: the appender adds under its own lock
   * (iterating its list unlocked failed once with a ConcurrentModificationException).
   */
  private static List<ILoggingEvent> logged() {
    synchronized (LOGS) {
      return new ArrayList<>(LOGS.list);
    }
  }

  private static List<String> forms(String secret) {
    List<String> forms = new ArrayList<>(List.of(secret));
    for (int shift = 0; shift < 3; shift++) {
      String padded = "x".repeat(shift) + secret;
      String b64 = java.util.Base64.getEncoder().encodeToString(padded.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      // the characters that depend only on the secret, not on the padding or what follows
      int from = (shift + 2) / 3 * 4;
      int to = (padded.length() / 3) * 4;
      if (to - from >= 8) {
        forms.add(b64.substring(from, to));
      }
    }
    return forms;
  }

  private static String throwable(IThrowableProxy proxy) {
    return proxy == null ? "" : " " + ThrowableProxyUtil.asString(proxy);
  }
}
