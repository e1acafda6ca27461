package io.ddwebhooks.operator.lifecycle;

import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.DeletionPolicy;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.testing.OperatorHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of injected faults (500, 429 with and without reset, dropped connections, and connections dropped after
 * Datadog did the write) while resources are created, changed, renamed and deleted. In the end every resource
 * converges, no remote object is duplicated, and none outlives a deleted resource whose policy is Delete.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ChaosIT {

  private static final String NS = "chaos";
  private static final int WEBHOOKS = 24;
  private static final int VARIABLES = 16;
  /** The whole test stays well inside CI's budget: every wait shares this one deadline. */
  private static final Duration BUDGET = Duration.ofMinutes(4);
  /**
   * Faults to inject before the final checks. The operator spends fewer calls than it used to (no read before a
   * webhook create, none for a resource verified within its interval, reads paused after a 429), so fewer rounds
   * reach as many faults.
   */
  private static final int FAULTS = 800;
  private static OperatorHarness h;
  private static Instant deadline;

  @BeforeAll
  static void start() {
    // reads capped high: the test is about correctness under faults; its 429s still pause the org's reads
    h = OperatorHarness.start(c -> c.withResyncInterval(Duration.ofSeconds(2)).withReadsPerSecond(1000));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void everythingConvergesWithNoDuplicatesAndNoLeftovers() {
    deadline = Instant.now().plus(BUDGET);
    h.datadog.setChaos(0.6, 20261128L);
    // expected Datadog state: name -> url (webhooks) or value (variables); orphans are left out
    Map<String, String> hooks = new TreeMap<>();
    Map<String, String> vars = new TreeMap<>();
    for (int i = 0; i < WEBHOOKS; i++) {
      h.create(webhook(NS, "hook-" + i, "https://hooks.example.com/" + i));
      hooks.put("hook-" + i, "https://hooks.example.com/" + i);
    }
    for (int i = 0; i < VARIABLES; i++) {
      h.create(variable(NS, "var-" + i, "value-" + i, i % 2 == 0));
      vars.put("VAR_" + i, "value-" + i);
    }
    awaitDatadogHolds(hooks, vars, Set.of());

    int round = 0;
    for (; h.datadog.faultsInjected() < FAULTS && round < 40 && Instant.now().isBefore(deadline); round++) {
      final int r = round;
      if (round == 0) {
        // renames, deletions (Delete and Orphan), updates, all under fire
        for (int i = 0; i < 6; i++) {
          final int n = i;
          h.edit(DatadogWebhook.class, NS, "hook-" + n, w -> {
            w.getSpec().setName("renamed-" + n);
            return w;
          });
          hooks.put("renamed-" + n, hooks.remove("hook-" + n));
        }
        for (int i = 6; i < 12; i++) {
          h.delete(DatadogWebhook.class, NS, "hook-" + i);
          hooks.remove("hook-" + i);
        }
        for (int i = 12; i < 14; i++) {
          h.edit(DatadogWebhook.class, NS, "hook-" + i, w -> {
            w.getSpec().setDeletionPolicy(DeletionPolicy.Orphan);
            return w;
          });
        }
        for (int i = 0; i < 6; i++) {
          h.delete(DatadogCustomVariable.class, NS, "var-" + i);
          vars.remove("VAR_" + i);
        }
      }
      for (int i = 14; i < WEBHOOKS; i++) {
        final int n = i;
        h.edit(DatadogWebhook.class, NS, "hook-" + n, w -> {
          w.getSpec().setUrl("https://hooks.example.com/" + n + "/round-" + r);
          return w;
        });
        hooks.put("hook-" + n, "https://hooks.example.com/" + n + "/round-" + r);
      }
      for (int i = 6; i < VARIABLES; i++) {
        final int n = i;
        h.edit(DatadogCustomVariable.class, NS, "var-" + n, v -> {
          v.getSpec().setValue("value-" + n + "-round-" + r);
          return v;
        });
        vars.put("VAR_" + n, "value-" + n + "-round-" + r);
      }
      if (round == 0) {
        // deletion reads the policy from the deleted resource's spec: no need to wait for a reconcile first
        for (int i = 12; i < 14; i++) {
          h.delete(DatadogWebhook.class, NS, "hook-" + i);
        }
      }
      // under fire, statuses flicker (a failed periodic read is reported): wait for Datadog to hold the truth
      awaitDatadogHolds(hooks, vars, round == 0 ? Set.of() : Set.of("hook-12", "hook-13"));
    }
    System.out.printf("chaos: %d faults injected over %d rounds, %d calls%n", h.datadog.faultsInjected(), round,
        h.datadog.calls().size());
    assertThat(h.datadog.faultsInjected()).as("faults injected").isGreaterThanOrEqualTo(FAULTS);

    h.datadog.clearFaults();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(h.client.resources(DatadogWebhook.class).inNamespace(NS).list().getItems())
          .as("deleted resources are gone: their finalizers ran").hasSize(WEBHOOKS - 8);
      assertThat(h.client.resources(DatadogCustomVariable.class).inNamespace(NS).list().getItems())
          .hasSize(VARIABLES - 6);
    });
    awaitAllSynced();
    // deleted ones are gone, orphaned ones stay, nothing is duplicated, nothing else exists
    awaitDatadogHolds(hooks, vars, Set.of("hook-12", "hook-13"));
    assertThat(h.datadog.maxConcurrentWrites()).isEqualTo(1);
  }

  /** What is left of the budget (at least a little, for the final checks after the faults stop). */
  private static Duration remaining() {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.compareTo(Duration.ofSeconds(20)) < 0 ? Duration.ofSeconds(20) : left;
  }

  /** Datadog holds exactly {@code hooks} and {@code vars}, plus the named orphans (whatever their state). */
  private static void awaitDatadogHolds(Map<String, String> hooks, Map<String, String> vars, Set<String> orphans) {
    await().atMost(remaining()).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      Map<String, String> actualHooks = new TreeMap<>();
      for (String name : h.datadog.webhookNames()) {
        actualHooks.put(name, h.datadog.webhook(name).map(w -> w.get("url").asText()).orElse(null));
      }
      assertThat(actualHooks.keySet()).containsAll(orphans);
      actualHooks.keySet().removeAll(orphans);
      assertThat(actualHooks).isEqualTo(withoutOrphans(hooks, orphans));
      Map<String, String> actualVars = new TreeMap<>();
      for (String name : h.datadog.variableNames()) {
        actualVars.put(name, h.datadog.storedVariable(name).map(v -> v.get("value").asText()).orElse(null));
      }
      assertThat(actualVars).isEqualTo(vars);
    });
  }

  private static Map<String, String> withoutOrphans(Map<String, String> hooks, Set<String> orphans) {
    Map<String, String> out = new TreeMap<>(hooks);
    out.keySet().removeAll(orphans);
    return out;
  }

  private static void awaitAllSynced() {
    await().atMost(remaining()).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      for (DatadogWebhook w : h.client.resources(DatadogWebhook.class).inNamespace(NS).list().getItems()) {
        assertSynced(w.getMetadata().getName(), w.getStatus(), w.getMetadata().getGeneration());
      }
      for (DatadogCustomVariable v : h.client.resources(DatadogCustomVariable.class).inNamespace(NS).list()
          .getItems()) {
        assertSynced(v.getMetadata().getName(), v.getStatus(), v.getMetadata().getGeneration());
      }
    });
  }

  private static void assertSynced(String name, io.ddwebhooks.operator.crd.DatadogResourceStatus status,
      Long generation) {
    assertThat(status).as(name).isNotNull();
    assertThat(ReadyCondition.reason(status)).as(name + ": " + ReadyCondition.of(status)).contains("Synced");
    assertThat(status.getObservedGeneration()).as(name).isEqualTo(generation);
  }

}
