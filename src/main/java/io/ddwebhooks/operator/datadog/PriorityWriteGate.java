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
  /** Threads that hold a place in the queue before their write (see {@link #reserve}). */
  private final java.util.Set<Thread> reserved = new java.util.HashSet<>();
  private long sequence;
  private boolean held;

  /**
   * Takes a place among the {@code maxWaiting} for the calling thread before it reads what to write, so that a full
   * queue turns it away before it spends a read, not after; false when there is no place.
   */
  synchronized boolean reserve(int maxWaiting) {
    if (held && waiting.size() + reserved.size() >= maxWaiting) {
      return false;
    }
    reserved.add(Thread.currentThread());
    return true;
  }

  /** Whether {@link #reserve} would find no place now. */
  synchronized boolean full(int maxWaiting) {
    return held && waiting.size() + reserved.size() >= maxWaiting;
  }

  /** Gives back the calling thread's place, if it did not use it for a write. */
  synchronized void unreserve() {
    reserved.remove(Thread.currentThread());
  }

  synchronized void acquire(WritePriority priority) throws InterruptedException {
    acquire(priority, Integer.MAX_VALUE);
  }

  /** Waits for the turn unless {@code maxWaiting} writers already wait; false then, without waiting. */
  synchronized boolean acquire(WritePriority priority, int maxWaiting) throws InterruptedException {
    boolean placed = reserved.remove(Thread.currentThread());
    if (!placed && held && waiting.size() + reserved.size() >= maxWaiting) {
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
