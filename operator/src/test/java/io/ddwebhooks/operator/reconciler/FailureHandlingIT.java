package io.ddwebhooks.operator.reconciler;

import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.emulator.Fault;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.ForwardingApi;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Datadog failures through the whole operator: each gives its reason, its Event and its retry behaviour. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FailureHandlingIT {

  private static final String NS = "failures";
  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = OperatorHarness.start();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @AfterEach
  void clear() {
    h.datadog.clearFaults();
    h.datadog.setLatency(Duration.ZERO, Duration.ZERO);
  }

  private static boolean warned(String name, Reason reason) {
    return h.events(NS, name).stream().anyMatch(e -> "Warning".equals(e.getType())
        && reason.name().equals(e.getReason()));
  }

  @Test
  void rejectedByDatadogShowsItsErrorAndRecoversOnSpecChange() {
    h.datadog.failNext("POST", 1, Fault.status(400, "Invalid webhook"));
    h.create(webhook(NS, "refused", "https://a.example.com"));
    var condition = h.awaitReason(DatadogWebhook.class, NS, "refused", Reason.DatadogRejected);
    assertThat(condition.getMessage()).isEqualTo("POST webhook 'refused': Datadog answered 400: Invalid webhook");
    await().until(() -> warned("refused", Reason.DatadogRejected));

    h.edit(DatadogWebhook.class, NS, "refused", w -> {
      w.getSpec().setUrl("https://b.example.com");
      return w;
    });
    h.awaitSynced(DatadogWebhook.class, NS, "refused");
  }

  @Test
  void authFailureIsRetriedSlowlyUntilFixed() {
    h.datadog.failAlways(Fault.status(403, "Forbidden"));
    h.create(webhook(NS, "forbidden", "https://a.example.com"));
    var condition = h.awaitReason(DatadogWebhook.class, NS, "forbidden", Reason.DatadogAuthFailed);
    assertThat(condition.getMessage()).contains("403", "DD_API_KEY");
    h.datadog.clearFaults();
    h.awaitSynced(DatadogWebhook.class, NS, "forbidden");
    assertThat(warned("forbidden", Reason.DatadogAuthFailed)).isTrue();
  }

  @Test
  void rateLimitedWithAndWithoutResetHeader() {
    h.datadog.failNextCalls(2, Fault.rateLimited(null));
    h.create(webhook(NS, "limited", "https://a.example.com"));
    h.awaitSynced(DatadogWebhook.class, NS, "limited");
    assertThat(warned("limited", Reason.RateLimited)).isTrue();

    h.datadog.failNextCalls(1, Fault.rateLimited(1));
    h.create(variable(NS, "limited-var", "v", false));
    h.awaitSynced(DatadogCustomVariable.class, NS, "limited-var");
    assertThat(warned("limited-var", Reason.RateLimited)).isTrue();
  }

  @Test
  void serverErrorsAndDroppedConnectionsBackOffAndRecover() {
    h.datadog.failNextCalls(2, Fault.serverError());
    h.create(webhook(NS, "flaky", "https://a.example.com"));
    h.awaitSynced(DatadogWebhook.class, NS, "flaky");
    assertThat(warned("flaky", Reason.DatadogUnavailable)).isTrue();

    // a write: the JDK client transparently retries a GET once on a dropped connection
    h.datadog.failNext("POST", 1, Fault.droppedConnection());
    h.create(variable(NS, "dropped", "v", true));
    h.awaitSynced(DatadogCustomVariable.class, NS, "dropped");
    assertThat(warned("dropped", Reason.DatadogUnavailable)).isTrue();
    assertThat(h.datadog.variableNames()).contains("DROPPED");
  }

  @Test
  void failedDeletionKeepsTheFinalizerAndRetries() {
    h.create(webhook(NS, "sticky", "https://a.example.com"));
    h.awaitSynced(DatadogWebhook.class, NS, "sticky");
    h.datadog.failNext("DELETE", 2, Fault.serverError());
    h.delete(DatadogWebhook.class, NS, "sticky");
    h.awaitGone(DatadogWebhook.class, NS, "sticky");
    assertThat(h.datadog.webhook("sticky")).isEmpty();
    assertThat(h.writesFor("sticky")).filteredOn(c -> c.method().equals("DELETE"))
        .extracting(RecordedCall::status).containsExactly(500, 500, 200);
  }

  @Test
  void writesToDatadogAreNeverConcurrent() {
    h.datadog.setLatency(Duration.ZERO, Duration.ofMillis(25));
    for (int i = 0; i < 8; i++) {
      h.create(webhook(NS, "burst-" + i, "https://burst.example.com/" + i));
      h.create(variable(NS, "burst-var-" + i, "value-" + i, i % 2 == 0));
    }
    for (int i = 0; i < 8; i++) {
      h.awaitSynced(DatadogWebhook.class, NS, "burst-" + i);
      h.awaitSynced(DatadogCustomVariable.class, NS, "burst-var-" + i);
    }
    assertThat(h.datadog.writes()).hasSizeGreaterThanOrEqualTo(16);
    assertThat(h.datadog.maxConcurrentWrites()).as("writes in flight at once").isEqualTo(1);
  }

  @Test
  void aFailureNobodyAnticipatedIsReportedNotRetriedSilently() {
    // a bug below the reconciler, simulated by a client that throws for one name; its message quotes a value
    h.stopOperator();
    h.startOperator(api -> new ForwardingApi(api) {
      @Override
      public io.ddwebhooks.operator.datadog.Webhook createWebhook(io.ddwebhooks.operator.datadog.Webhook w) {
        if (w.name().equals("buggy")) {
          throw new IllegalStateException("unexpected state near buggy-needle");
        }
        return super.createWebhook(w);
      }
    }, h.config());
    try {
      h.create(webhook(NS, "buggy", "https://a.example.com"));
      var condition = h.awaitReason(DatadogWebhook.class, NS, "buggy", Reason.InternalError);
      assertThat(condition.getStatus()).isEqualTo("False");
      assertThat(condition.getMessage()).startsWith("internal error: java.lang.IllegalStateException")
          .doesNotContain("buggy-needle");
      await().until(() -> warned("buggy", Reason.InternalError));
      assertThat(h.events(NS, "buggy")).noneMatch(e -> e.getMessage().contains("buggy-needle"));
      assertThat(h.writesFor("buggy")).isEmpty();
    } finally {
      h.stopOperator();
      h.startOperator();
    }
    // the bug gone, it converges on its own (the backoff brings it back)
    h.awaitSynced(DatadogWebhook.class, NS, "buggy");
  }

  @Test
  void aPayloadNestedBeyondTheLimitIsRefusedWithNoCall() {
    // arrays nested exactly 1000 deep once passed validation and threw while rendering
    DatadogWebhook deep = webhook(NS, "deep", "https://a.example.com");
    deep.getSpec().setPayload("[".repeat(1000) + "\"deep-needle\"" + "]".repeat(1000));
    h.create(deep);
    var condition = h.awaitReason(DatadogWebhook.class, NS, "deep", Reason.InvalidSpec);
    assertThat(condition.getMessage()).contains("nested deeper than 64").doesNotContain("deep-needle");
    assertThat(h.callsFor("deep")).isEmpty();
  }
}
