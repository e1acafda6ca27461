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
import io.ddwebhooks.operator.emulator.Fault;
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
 * Secret values (from Secrets, and the Datadog keys) never reach a log line (at DEBUG, everything included), an
 * Event, the status, or an exception message, on success paths and on failures whose Datadog error echoes them.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretLeakIT {

  private static final String NS = "leaks";
  private static final List<String> SECRETS = List.of(
      "LEAK-URL-TOKEN-1", "LEAK-HEADER-TOKEN-2", "LEAK-VAR-VALUE-3",
      "LEAK-URL-TOKEN-4", "LEAK-HEADER-TOKEN-5", "LEAK-VAR-VALUE-6",
      OperatorHarness.API_KEY, OperatorHarness.APP_KEY);

  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private static Level previous;
  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previous = root.getLevel();
    root.setLevel(Level.DEBUG);
    LOGS.start();
    root.addAppender(LOGS);
    h = OperatorHarness.start();
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
    h.datadog.failNext("POST", 1, Fault.status(400,
        "Invalid url https://hooks.example.com/services/LEAK-URL-TOKEN-4 with header Bearer LEAK-HEADER-TOKEN-5"));
    DatadogWebhook echo = webhookFromSecret(NS, "echoed", "creds", "url");
    echo.getSpec().setCustomHeaders(List.of(headerFromSecret("Authorization", "creds", "auth")));
    h.create(echo);
    var rejected = h.awaitReason(DatadogWebhook.class, NS, "echoed", Reason.DatadogRejected);
    assertThat(rejected.getMessage()).contains("[redacted]");

    // network failure and deletion paths
    h.datadog.failNext("PUT", 1, Fault.droppedConnection());
    h.secret(NS, "creds", Map.of(
        "url", "https://hooks.example.com/services/LEAK-URL-TOKEN-1",
        "auth", "Bearer LEAK-HEADER-TOKEN-2",
        "var", "LEAK-VAR-VALUE-3"));
    await().untilAsserted(() -> assertThat(h.datadog.webhook("leaky").orElseThrow().get("url").asText())
        .endsWith("LEAK-URL-TOKEN-1"));
    h.delete(DatadogWebhook.class, NS, "leaky");
    h.delete(DatadogCustomVariable.class, NS, "leaky-var");
    h.awaitGone(DatadogWebhook.class, NS, "leaky");
    h.awaitGone(DatadogCustomVariable.class, NS, "leaky-var");

    List<String> places = new ArrayList<>();
    for (ILoggingEvent e : LOGS.list) {
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
    assertThat(LOGS.list).as("the test saw the operator's logs").hasSizeGreaterThan(20);
    assertThat(places).anyMatch(p -> p.startsWith("event: Updated"));
    for (String secret : SECRETS) {
      assertThat(places).as("places mentioning %s", secret).noneMatch(p -> p.contains(secret));
    }
  }

  private static String throwable(IThrowableProxy proxy) {
    return proxy == null ? "" : " " + ThrowableProxyUtil.asString(proxy);
  }
}
