package io.ddwebhooks.operator.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PriorityWriteGateTest {

  @Test
  void userChangesAreServedBeforeQueuedResyncsThenInArrivalOrder() throws Exception {
    PriorityWriteGate gate = new PriorityWriteGate();
    List<String> order = new CopyOnWriteArrayList<>();
    gate.acquire(WritePriority.RESYNC);
    List<Thread> threads = List.of(
        waiter(gate, WritePriority.RESYNC, "resync-1", order),
        waiter(gate, WritePriority.RESYNC, "resync-2", order),
        waiter(gate, WritePriority.USER_CHANGE, "user-1", order),
        waiter(gate, WritePriority.USER_CHANGE, "user-2", order));
    for (Thread t : threads) {
      int before = gate.queued();
      t.start();
      await().until(() -> gate.queued() == before + 1);
    }
    gate.release();
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(order).containsExactly("user-1", "user-2", "resync-1", "resync-2");
    assertThat(gate.queued()).isZero();
  }

  @Test
  void resyncsNeverTakeThePlacesKeptForChangesNorOneTenantAllOfThem() throws Exception {
    PriorityWriteGate gate = new PriorityWriteGate();
    int max = DatadogOrgs.MAX_WAITING_PER_ORG;
    gate.acquire(WritePriority.RESYNC);
    List<Thread> holding = new java.util.ArrayList<>();
    // resyncs of many tenants queue up to what the changes' places leave
    int resyncs = 0;
    while (!gate.full(WritePriority.RESYNC, "t" + resyncs, max)) {
      Thread t = waiter(gate, WritePriority.RESYNC, "t" + resyncs, "r", new CopyOnWriteArrayList<>());
      int before = gate.queued();
      t.start();
      holding.add(t);
      await().until(() -> gate.queued() == before + 1);
      resyncs++;
    }
    assertThat(resyncs).isEqualTo(max - PriorityWriteGate.KEPT_FOR_CHANGES);
    assertThat(gate.full(WritePriority.USER_CHANGE, "late-tenant", max)).as("a change still finds a place")
        .isFalse();
    gate.release();
    for (Thread t : holding) {
      t.join(10_000);
    }

    // one tenant's burst of changes leaves places for another tenant
    gate.acquire(WritePriority.USER_CHANGE);
    List<Thread> busy = new java.util.ArrayList<>();
    while (!gate.full(WritePriority.USER_CHANGE, "busy", max)) {
      Thread t = waiter(gate, WritePriority.USER_CHANGE, "busy", "b", new CopyOnWriteArrayList<>());
      int before = gate.queued();
      t.start();
      busy.add(t);
      await().until(() -> gate.queued() == before + 1);
    }
    assertThat(busy).hasSizeLessThan(max);
    assertThat(gate.full(WritePriority.USER_CHANGE, "quiet", max)).as("another namespace's change").isFalse();
    gate.release();
    for (Thread t : busy) {
      t.join(10_000);
    }
  }

  @Test
  void waitersOfDifferentTenantsTakeTurns() throws Exception {
    PriorityWriteGate gate = new PriorityWriteGate();
    List<String> order = new CopyOnWriteArrayList<>();
    gate.acquire(WritePriority.USER_CHANGE);
    List<Thread> threads = List.of(waiter(gate, WritePriority.USER_CHANGE, "a", "a-1", order),
        waiter(gate, WritePriority.USER_CHANGE, "a", "a-2", order),
        waiter(gate, WritePriority.USER_CHANGE, "a", "a-3", order),
        waiter(gate, WritePriority.USER_CHANGE, "b", "b-1", order));
    for (Thread t : threads) {
      int before = gate.queued();
      t.start();
      await().until(() -> gate.queued() == before + 1);
    }
    gate.release();
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(order).containsExactly("a-1", "b-1", "a-2", "a-3");
  }

  private static Thread waiter(PriorityWriteGate gate, WritePriority priority, String tenant, String name,
      List<String> order) {
    return new Thread(() -> {
      try {
        gate.acquire(priority, tenant, DatadogOrgs.MAX_WAITING_PER_ORG);
        order.add(name);
        gate.release();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private static Thread waiter(PriorityWriteGate gate, WritePriority priority, String name, List<String> order) {
    return new Thread(() -> {
      try {
        gate.acquire(priority);
        order.add(name);
        gate.release();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
