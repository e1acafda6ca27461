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
