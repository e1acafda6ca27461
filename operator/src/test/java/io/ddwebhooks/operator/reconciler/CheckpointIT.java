package io.ddwebhooks.operator.reconciler;

import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.testing.CredentialsFixtures;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A create writes a status checkpoint (the pending name) before its POST, then the final status. The reconcile the
 * checkpoint's own event triggers must start from the final status: started from the checkpoint, it would read
 * Datadog again to recognise its own object, and write a status without Ready while doing so.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CheckpointIT {

  private static final String NS = "checkpoint";
  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = OperatorHarness.start(c -> c.withCredentialsUrlAllowlist(List.of("http://127.0.0.1:")));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void theReconcileAfterACreateStartsFromItsFinalStatusNotTheCheckpoint() {
    // a slow POST: the checkpoint's event is surely in before the reconcile ends
    h.datadog.setLatency(Duration.ZERO, Duration.ofMillis(300));
    List<String> readyLost = new CopyOnWriteArrayList<>();
    try (Watch ignored = h.client.resources(DatadogWebhook.class).inNamespace(NS).watch(new Watcher<>() {
      private final java.util.Set<String> synced = java.util.concurrent.ConcurrentHashMap.newKeySet();

      @Override
      public void eventReceived(Action action, DatadogWebhook w) {
        String name = w.getMetadata().getName();
        boolean ready = w.getStatus() != null && ReadyCondition.of(w.getStatus()).isPresent();
        if (ready && "Synced".equals(ReadyCondition.of(w.getStatus()).get().getReason())) {
          synced.add(name);
        } else if (!ready && synced.contains(name)) {
          readyLost.add(name + " at resourceVersion " + w.getMetadata().getResourceVersion());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      // through credentials: each new user changes their status (usedBy), an event that re-runs their users at once
      var org = h.datadog.addOrg("checkpoint-org", "cp-api-key", "cp-app-key");
      h.secret(NS, "cp-keys", java.util.Map.of("api", "cp-api-key", "app", "cp-app-key"));
      h.client.resource(CredentialsFixtures.namespaced(NS, "cp", h.datadog.baseUrl().toString(), "checkpoint-org",
          "cp-keys")).create();
      for (int i = 0; i < 6; i++) {
        h.create(CredentialsFixtures.using(webhook(NS, "hook-" + i, "https://hooks.example.com/" + i),
            CredentialsRef.NAMESPACED, "cp"));
      }
      for (int i = 0; i < 6; i++) {
        h.awaitSynced(DatadogWebhook.class, NS, "hook-" + i);
      }
      // the reconciles the checkpoints triggered have run by now or soon: for a while, none of them reads Datadog
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        for (int i = 0; i < 6; i++) {
          assertThat(org.calls()).isNotEmpty();
          assertThat(h.callsFor("hook-" + i)).as("calls for hook-%d: one POST, no GET", i)
              .noneMatch(c -> c.method().equals("GET"));
        }
        assertThat(readyLost).as("Ready removed after Synced").isEmpty();
      });
    } finally {
      h.datadog.setLatency(Duration.ZERO, Duration.ZERO);
    }
    assertThat(h.allEvents()).noneMatch(e -> "Recovered".equals(e.getReason()));
  }
}
