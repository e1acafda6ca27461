package io.ddwebhooks.operator.datadog;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * One holder at a time. Waiters are served by priority (user changes before resyncs), then taking turns between
 * tenants (a tenant's second waiter after every tenant's first), then in arrival order. The places to wait are
 * shared fairly: resyncs never take the places kept for users' changes, and one tenant never takes all of them, so
 * neither a burst of resyncs nor one namespace's burst can turn another namespace's change away.
 */
final class PriorityWriteGate {

  /** Places no resync may take: a user's change always finds one while resyncs wait. */
  static final int KEPT_FOR_CHANGES = 3;

  /** Who waits: what for, and for which tenant (a namespace; null when unknown). */
  private record Place(WritePriority priority, String tenant) {}

  private record Ticket(Place place, int round, long sequence) {}

  /** A place taken before the write it is for (see {@link #reserve}); one object per taking, told apart by identity. */
  static final class Reservation {
    private final Place place;

    private Reservation(Place place) {
      this.place = place;
    }
  }

  private static final Comparator<Ticket> ORDER = Comparator.comparing((Ticket t) -> t.place().priority())
      .thenComparingInt(Ticket::round).thenComparingLong(Ticket::sequence);

  private final PriorityQueue<Ticket> waiting = new PriorityQueue<>(ORDER);
  /** Places held before their write (see {@link #reserve}). */
  private final Set<Reservation> reserved = new HashSet<>();
  private long sequence;
  private boolean held;

  /**
   * Takes a place among the {@code maxWaiting} before its holder reads what to write, so that a full queue turns it
   * away before it spends a read, not after; null when there is no place for it. The holder's first write
   * ({@link #acquire(WritePriority, String, int, Reservation)}) uses it; {@link #unreserve} gives back one unused.
   */
  synchronized Reservation reserve(WritePriority priority, String tenant, int maxWaiting) {
    Place place = new Place(priority, tenant);
    if (!admits(place, maxWaiting)) {
      return null;
    }
    Reservation reservation = new Reservation(place);
    reserved.add(reservation);
    return reservation;
  }

  /** Whether {@link #reserve} would find no place now. */
  synchronized boolean full(WritePriority priority, String tenant, int maxWaiting) {
    return !admits(new Place(priority, tenant), maxWaiting);
  }

  /** Gives back {@code reservation} (none: null), if no write used it. */
  synchronized void unreserve(Reservation reservation) {
    reserved.remove(reservation);
  }

  synchronized void acquire(WritePriority priority) throws InterruptedException {
    acquire(priority, null, Integer.MAX_VALUE);
  }

  synchronized boolean acquire(WritePriority priority, String tenant, int maxWaiting) throws InterruptedException {
    return acquire(priority, tenant, maxWaiting, null);
  }

  /**
   * Waits for the turn in the place {@code reservation} holds, if it still holds one (a first write), else in a new
   * place unless none is left for it; false then, without waiting.
   */
  synchronized boolean acquire(WritePriority priority, String tenant, int maxWaiting, Reservation reservation)
      throws InterruptedException {
    Place place = reservation != null && reserved.remove(reservation) ? reservation.place : null;
    if (place == null) {
      place = new Place(priority, tenant);
      if (!admits(place, maxWaiting)) {
        return false;
      }
    }
    Place mine = place;
    int round = (int) waiting.stream().filter(t -> Objects.equals(t.place().tenant(), mine.tenant())).count();
    Ticket ticket = new Ticket(place, round, sequence++);
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

  /**
   * Whether {@code place} may wait: a free gate always admits; else within {@code maxWaiting} in all, resyncs
   * within what the changes' places leave, and a tenant within all but the changes' places.
   */
  private boolean admits(Place place, int maxWaiting) {
    if (!held) {
      return true;
    }
    int all = waiting.size() + reserved.size();
    if (all >= maxWaiting) {
      return false;
    }
    int forOthers = Math.min(KEPT_FOR_CHANGES, maxWaiting / 2);
    if (place.priority() == WritePriority.RESYNC
        && count(p -> p.priority() == WritePriority.RESYNC) >= maxWaiting - forOthers) {
      return false;
    }
    return place.tenant() == null
        || count(p -> place.tenant().equals(p.tenant())) < maxWaiting - Math.max(1, forOthers - 1);
  }

  private int count(java.util.function.Predicate<Place> which) {
    return (int) (waiting.stream().map(Ticket::place).filter(which).count()
        + reserved.stream().map(r -> r.place).filter(which).count());
  }

  synchronized void release() {
    held = false;
    notifyAll();
  }

  synchronized int queued() {
    return waiting.size();
  }
}
