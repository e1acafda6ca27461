package io.ddwebhooks.operator.datadog;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * One holder at a time; waiters are served by priority (user changes before resyncs), then in arrival order.
 */
final class PriorityWriteGate {

  private record Ticket(WritePriority priority, long sequence) {}

  private static final Comparator<Ticket> ORDER =
      Comparator.comparing(Ticket::priority).thenComparingLong(Ticket::sequence);

  private final PriorityQueue<Ticket> waiting = new PriorityQueue<>(ORDER);
  private long sequence;
  private boolean held;

  synchronized void acquire(WritePriority priority) throws InterruptedException {
    acquire(priority, Integer.MAX_VALUE);
  }

  /** Waits for the turn unless {@code maxWaiting} writers already wait; false then, without waiting. */
  synchronized boolean acquire(WritePriority priority, int maxWaiting) throws InterruptedException {
    if (held && waiting.size() >= maxWaiting) {
      return false;
    }
    Ticket ticket = new Ticket(priority, sequence++);
    waiting.add(ticket);
    try {
      while (held || waiting.peek() != ticket) {
        wait();
      }
    } catch (InterruptedException e) {
      waiting.remove(ticket);
      notifyAll();
      throw e;
    }
    waiting.poll();
    held = true;
    return true;
  }

  synchronized void release() {
    held = false;
    notifyAll();
  }

  synchronized int queued() {
    return waiting.size();
  }
}
