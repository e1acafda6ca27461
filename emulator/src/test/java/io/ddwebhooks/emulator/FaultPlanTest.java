package io.ddwebhooks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  private static final String HOOK = DatadogEmulator.WEBHOOKS + "/a";

  @Test
  void scheduledFaultsHitTheirCallsInOrderForTheirCount() {
    FaultPlan plan = new FaultPlan();
    plan.schedule("POST", DatadogEmulator.WEBHOOKS, 1, Fault.serverError());
    plan.schedule(FaultPlan.WRITES, null, 2, Fault.rateLimited(3));
    assertThat(plan.next("GET", HOOK)).as("reads match neither").isNull();
    assertThat(plan.next("POST", DatadogEmulator.VARIABLES).status()).as("not the POST prefix: the writes")
        .isEqualTo(429);
    assertThat(plan.next("POST", DatadogEmulator.WEBHOOKS).status()).isEqualTo(500);
    assertThat(plan.next("DELETE", HOOK).status()).isEqualTo(429);
    assertThat(plan.next("DELETE", HOOK)).isNull();
    assertThat(plan.injected()).isEqualTo(3);
    assertThat(plan.pending()).isEmpty();
  }

  @Test
  void alwaysStaysUntilClearedAndClearingKeepsTheCount() {
    FaultPlan plan = new FaultPlan();
    FaultPlan.Scheduled s = plan.scheduleAlways(FaultPlan.ANY, null, Fault.droppedConnection());
    for (int i = 0; i < 5; i++) {
      assertThat(plan.next("GET", HOOK).dropsConnection()).isTrue();
    }
    assertThat(plan.pending()).containsExactly(s);
    plan.clear();
    assertThat(plan.next("GET", HOOK)).isNull();
    assertThat(plan.injected()).isEqualTo(5);
    plan.reset();
    assertThat(plan.injected()).isZero();
  }

  @Test
  void chaosIsReplayedBySeed() {
    List<String> first = chaosRun(42);
    assertThat(chaosRun(42)).isEqualTo(first);
    assertThat(first).contains("none").anyMatch(f -> !f.equals("none"));
    FaultPlan plan = new FaultPlan();
    plan.setChaos(1, 7);
    plan.clear();
    assertThat(plan.chaosProbability()).isZero();
  }

  private static List<String> chaosRun(long seed) {
    FaultPlan plan = new FaultPlan();
    plan.setChaos(0.5, seed);
    List<String> run = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Fault f = plan.next("GET", HOOK);
      run.add(f == null ? "none" : f.status() + "/" + f.dropsConnection() + "/" + f.commitsFirst());
    }
    return run;
  }

  @Test
  void anOrgsOwnLatencyWinsAndCallsWithoutAnOrgWaitAsReads() {
    FaultPlan plan = new FaultPlan();
    plan.setLatency(Duration.ofMillis(20), Duration.ofMillis(300));
    OrgStore slow = new OrgStore("slow", "a", "b");
    assertThat(plan.latencyFor(true, slow)).isEqualTo(Duration.ofMillis(300));
    slow.setLatency(null, Duration.ofSeconds(2));
    assertThat(plan.latencyFor(true, slow)).isEqualTo(Duration.ofSeconds(2));
    assertThat(plan.latencyFor(false, slow)).isEqualTo(Duration.ofMillis(20));
    assertThat(plan.latencyFor(false, null)).isEqualTo(Duration.ofMillis(20));
    plan.reset();
    assertThat(plan.latencyFor(false, null)).isZero();
  }
}
