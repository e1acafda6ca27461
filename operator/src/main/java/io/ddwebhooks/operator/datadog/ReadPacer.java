package io.ddwebhooks.operator.datadog;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Spaces one Datadog org's reads to a steady rate, all resources together, and slows them all when Datadog says 429.
 * A read whose turn is near waits for it; one whose turn is further off is not sent ({@link TurnedAwayException}), with
 * the time to its turn, and the resource comes back then, so no worker thread sleeps through a backlog.
 *
 * <p>Changes first: a read for a user's change ({@link WritePriority#USER_CHANGE}) may book a turn up to
 * {@link #MAX_WAIT} ahead; a resync's read only the next turn, so resyncs never fill the timeline ahead of a change
 * and use what changes leave. While resyncs are being turned away, changes keep to {@code 1 - }{@link #RESYNC_FLOOR}
 * of the rate, so that a steady stream of changes cannot starve the drift checks.
 *
 * <p>Tenants take turns: the changes of one tenant (a namespace) may hold at most {@link #TENANT_SHARE} of the turns
 * a change may book ahead, so that one namespace's flood of reads (many resources, template checks that reach many
 * names, observe-only resources) cannot keep another namespace's change out of the org's reads; its own reads are
 * turned away instead, and come back at their turn.
 */
public final class ReadPacer {

  /** The longest a read waits in the calling thread for its turn. */
  static final Duration MAX_WAIT = Duration.ofSeconds(2);
  /** How long reads pause after a 429 that names no reset: doubled for each one in a row, up to the cap. */
  static final Duration PAUSE_WITHOUT_RESET = Duration.ofSeconds(1);
  static final Duration MAX_PAUSE_WITHOUT_RESET = Duration.ofSeconds(30);
  /** The share of the read rate kept for resyncs while they wait. */
  static final double RESYNC_FLOOR = 0.2;
  /** The share of the turns a change may book ahead ({@link #MAX_WAIT}) that one tenant's changes may hold. */
  static final double TENANT_SHARE = 0.5;
  /** How long after a resync was turned away changes still leave it its floor. */
  private static final Duration RESYNCS_WAITING = Duration.ofSeconds(2);

  private final long spacingNanos;
  private final long changeSpacingNanos;
  private final LongSupplier nanoTime;
  private final LongConsumer sleep;
  private long nextFree;
  /** The earliest turn of the next change while resyncs wait (their floor). */
  private long nextChangeFree;
  /** When a resync's read was last turned away; {@code Long.MIN_VALUE}: never. */
  private long resyncTurnedAway = Long.MIN_VALUE;
  private long resyncsTurnedAway;
  /** 429s without a reset since the last successful read, one per pause (not per read of a burst). */
  private int limitedInARow;
  /** When the pause in force was set: a 429 to a read sent before it belongs to the same burst. */
  private long pausedAt = Long.MIN_VALUE;
  /** The turns each tenant's changes booked that have not come yet ("" for work of no tenant). */
  private final Map<String, ArrayDeque<Long>> bookedAhead = new HashMap<>();
  private final int maxAheadPerTenant;

  public ReadPacer(double perSecond) {
    this(perSecond, System::nanoTime, LockSupport::parkNanos);
  }

  /** {@code nanoTime} and {@code sleep}: the clock and the wait (tests pass their own). */
  ReadPacer(double perSecond, LongSupplier nanoTime, LongConsumer sleep) {
    this.spacingNanos = Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / perSecond));
    this.changeSpacingNanos = Math.round(spacingNanos / (1 - RESYNC_FLOOR));
    this.nanoTime = nanoTime;
    this.sleep = sleep;
    this.nextFree = nanoTime.getAsLong();
    this.nextChangeFree = nextFree;
    this.maxAheadPerTenant = (int) Math.max(1, MAX_WAIT.toNanos() / spacingNanos * TENANT_SHARE);
  }

  /** A read for a user's change (see {@link #acquire(String, WritePriority)}). */
  public long acquire(String operation) {
    return acquire(operation, WritePriority.USER_CHANGE);
  }

  /**
   * Takes the next read turn for {@code priority}: returns once it has come, or turns the read away
   * ({@link TurnedAwayException}) when it is further off than this priority may wait ({@link #MAX_WAIT} for a
   * change, the next turn for a resync). Returns when the read went out, for {@link #rateLimited(Duration, long)}
   * and {@link #answered(long)}.
   */
  public long acquire(String operation, WritePriority priority) {
    return acquire(operation, priority, null);
  }

  /**
   * As {@link #acquire(String, WritePriority)}, for {@code tenant} (a namespace; null: none): a change of a tenant
   * that already holds its share of the turns booked ahead is turned away until its first one has come.
   */
  public long acquire(String operation, WritePriority priority, String tenant) {
    long wait;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      boolean change = priority == WritePriority.USER_CHANGE;
      ArrayDeque<Long> booked = change ? booked(tenant == null ? "" : tenant, now) : null;
      if (booked != null && booked.size() >= maxAheadPerTenant) {
        throw new TurnedAwayException(operation, "this namespace's reads already hold their share of the org's"
            + " reads; tried again when its turn comes", Duration.ofNanos(Math.max(booked.peekFirst() - now,
            spacingNanos)));
      }
      boolean resyncsWaiting = resyncTurnedAway != Long.MIN_VALUE
          && now - resyncTurnedAway < RESYNCS_WAITING.toNanos();
      long turn = Math.max(now, change && resyncsWaiting ? Math.max(nextFree, nextChangeFree) : nextFree);
      wait = turn - now;
      if (wait > (change ? MAX_WAIT.toNanos() : spacingNanos)) {
        if (!change) {
          resyncTurnedAway = now;
          resyncsTurnedAway++;
        }
        throw new TurnedAwayException(operation, "the org's reads are paced (DATADOG_READS_PER_SECOND, or Datadog"
            + " asked to slow down); tried again when its turn comes", Duration.ofNanos(Math.max(wait, spacingNanos)));
      }
      nextFree = turn + spacingNanos;
      if (change) {
        nextChangeFree = turn + changeSpacingNanos;
        if (turn > now) {
          booked.addLast(turn);
        }
      }
    }
    if (wait > 0) {
      sleep.accept(wait);
      if (Thread.currentThread().isInterrupted()) {
        throw DatadogApiException.stopping(operation);
      }
    }
    return nanoTime.getAsLong();
  }

  /**
   * Datadog answered 429 to a read: no read of this org goes out before {@code reset}; when Datadog named none, for
   * a pause that doubles with each 429 in a row (1 s, 2 s, ... 30 s) until a read succeeds. In a row means one
   * per pause: the 429s of reads that went out together, before the pause in force was set ({@code sentAt}), are
   * one answer, not a run of them (else one burst would pause the org for 30 s).
   */
  public synchronized void rateLimited(Duration reset, long sentAt) {
    long now = nanoTime.getAsLong();
    Duration pause = reset;
    if (pause == null) {
      if (pausedAt != Long.MIN_VALUE && sentAt - pausedAt <= 0) {
        return;
      }
      pause = PAUSE_WITHOUT_RESET.multipliedBy(1L << Math.min(limitedInARow++, 5));
      pause = pause.compareTo(MAX_PAUSE_WITHOUT_RESET) > 0 ? MAX_PAUSE_WITHOUT_RESET : pause;
    }
    pausedAt = now;
    nextFree = Math.max(nextFree, now + pause.toNanos());
  }

  /** {@code tenant}'s turns still to come at {@code now}; tenants with none are forgotten (the map stays small). */
  private ArrayDeque<Long> booked(String tenant, long now) {
    bookedAhead.values().removeIf(turns -> {
      while (!turns.isEmpty() && turns.peekFirst() - now <= 0) {
        turns.pollFirst();
      }
      return turns.isEmpty();
    });
    return bookedAhead.computeIfAbsent(tenant, t -> new ArrayDeque<>());
  }

  /** Resync reads turned away so far (they come back at their turn), for metrics. */
  public synchronized long resyncsTurnedAway() {
    return resyncsTurnedAway;
  }

  /**
   * A read sent at {@code sentAt} was answered (not 429): if it went out after the pause in force was set, the next
   * 429 without a reset starts the pauses from the shortest again.
   */
  public synchronized void answered(long sentAt) {
    if (pausedAt == Long.MIN_VALUE || sentAt - pausedAt > 0) {
      limitedInARow = 0;
    }
  }
}
