package io.ddwebhooks.operator.reconciler;

import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.OperatorRuntime;
import io.ddwebhooks.operator.config.AdoptionPolicy;
import io.ddwebhooks.operator.config.RetryPolicy;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.datadog.HttpWebhooksIntegrationApi;
import io.ddwebhooks.operator.datadog.Webhook;
import io.ddwebhooks.operator.emulator.DatadogEmulator;
import io.ddwebhooks.operator.emulator.Fault;
import io.ddwebhooks.operator.sandbox.LocalKubernetes;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconcile script driven directly, to check what it asks JOSDK for: when to come back (never for a 400 until the
 * spec changes; the rate-limit reset; backoff) and which calls it makes.
 */
class ConvergenceLoopTest {

  private static final Duration RESYNC = Duration.ofMinutes(10);
  private static final RetryPolicy RETRY =
      new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(5));

  private static DatadogEmulator datadog;
  private static LocalKubernetes kubernetes;
  private static ConvergenceLoop<DatadogWebhook, Webhook> loop;

  @BeforeAll
  static void start() throws Exception {
    datadog = DatadogEmulator.start();
    kubernetes = LocalKubernetes.start();
    WebhookKind kind = new WebhookKind(new HttpWebhooksIntegrationApi(datadog.baseUrl(), "k", "a",
        Duration.ofSeconds(5), "test/" + OperatorRuntime.VERSION));
    loop = new ConvergenceLoop<>(kind, new ConvergenceLoop.Settings(new SecretReader(kubernetes.client()),
        new EventRecorder(kubernetes.client(), Clock.systemUTC(), "test"),
        new StatusWriter(kubernetes.client(), false), RETRY, RESYNC, AdoptionPolicy.NOWHERE, Clock.systemUTC(),
        ReconcileObserver.NONE),
        "test");
  }

  @AfterAll
  static void stop() {
    kubernetes.close();
    datadog.close();
  }

  @BeforeEach
  void reset() {
    datadog.reset();
  }

  private static DatadogWebhook resource(String name) {
    return kubernetes.client().resource(webhook("loop", name, "https://a.example.com")).create();
  }

  private static String reason(DatadogWebhook w) {
    return ReadyCondition.reason(w.getStatus()).orElse(null);
  }

  @Test
  void syncedResourcesComeBackOnTheResyncPeriodAndWriteNothingWhenUnchanged() {
    DatadogWebhook w = resource("steady");
    UpdateControl<DatadogWebhook> first = loop.reconcile(w, List.of());
    assertThat(first.isPatchStatus()).isTrue();
    assertThat(first.getScheduleDelay()).contains(RESYNC.toMillis());
    assertThat(reason(w)).isEqualTo("Synced");

    UpdateControl<DatadogWebhook> second = loop.reconcile(w, List.of());
    assertThat(second.isNoUpdate()).as("same status: no status write either").isTrue();
    assertThat(datadog.writes()).hasSize(1);
  }

  @Test
  void aRejectedSpecIsNotRetriedUntilItChanges() {
    DatadogWebhook w = resource("rejected");
    datadog.failNextWrites(1, Fault.status(400, "Invalid webhook"));
    UpdateControl<DatadogWebhook> control = loop.reconcile(w, List.of());
    assertThat(reason(w)).isEqualTo("DatadogRejected");
    assertThat(ReadyCondition.of(w.getStatus()).orElseThrow().getMessage()).contains("Invalid webhook");
    assertThat(control.getScheduleDelay()).as("no retry timer").isEmpty();
    int calls = datadog.calls().size();

    UpdateControl<DatadogWebhook> again = loop.reconcile(w, List.of());
    assertThat(again.getScheduleDelay()).isEmpty();
    assertThat(datadog.calls()).as("no call for the same refused state").hasSize(calls);

    w.getSpec().setUrl("https://fixed.example.com");
    w.getMetadata().setGeneration(2L);
    loop.reconcile(w, List.of());
    assertThat(reason(w)).isEqualTo("Synced");
    assertThat(w.getStatus().getRejectedFingerprint()).isNull();
  }

  @Test
  void rateLimitsWaitForTheResetAndOtherFailuresBackOff() {
    DatadogWebhook limited = resource("limited");
    datadog.failNextCalls(1, Fault.rateLimited(7));
    UpdateControl<DatadogWebhook> control = loop.reconcile(limited, List.of());
    assertThat(reason(limited)).isEqualTo("RateLimited");
    assertThat(control.getScheduleDelay().orElseThrow()).isBetween(7_000L, 8_000L);

    DatadogWebhook down = resource("down");
    datadog.failAlways(Fault.serverError());
    long first = loop.reconcile(down, List.of()).getScheduleDelay().orElseThrow();
    long second = loop.reconcile(down, List.of()).getScheduleDelay().orElseThrow();
    long third = loop.reconcile(down, List.of()).getScheduleDelay().orElseThrow();
    assertThat(reason(down)).isEqualTo("DatadogUnavailable");
    assertThat(first).isBetween(1_600L, 2_400L);
    assertThat(second).isBetween(3_200L, 4_800L);
    assertThat(third).isBetween(6_400L, 9_600L);
    datadog.clearFaults();

    DatadogWebhook forbidden = resource("forbidden");
    datadog.failAlways(Fault.status(403, "Forbidden"));
    assertThat(loop.reconcile(forbidden, List.of()).getScheduleDelay()).contains(Duration.ofMinutes(5).toMillis());
    assertThat(reason(forbidden)).isEqualTo("DatadogAuthFailed");
    datadog.clearFaults();

    assertThat(loop.reconcile(down, List.of()).getScheduleDelay()).contains(RESYNC.toMillis());
    assertThat(reason(down)).isEqualTo("Synced");
  }

  @Test
  void deletionKeepsTheFinalizerWhileDatadogFails() {
    DatadogWebhook w = resource("to-delete");
    loop.reconcile(w, List.of());
    datadog.failNext("DELETE", 1, Fault.serverError());
    DeleteControl failed = loop.cleanup(w);
    assertThat(failed.isRemoveFinalizer()).isFalse();
    assertThat(failed.getScheduleDelay()).isPresent();
    assertThat(datadog.webhook("to-delete")).isPresent();

    DeleteControl done = loop.cleanup(w);
    assertThat(done.isRemoveFinalizer()).isTrue();
    assertThat(datadog.webhook("to-delete")).isEmpty();

    DatadogWebhook neverCreated = resource("never");
    assertThat(loop.cleanup(neverCreated).isRemoveFinalizer()).isTrue();
    assertThat(datadog.calls()).noneMatch(c -> c.path().endsWith("/never"));
  }
}
