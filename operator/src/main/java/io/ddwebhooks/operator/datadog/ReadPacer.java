package io.ddwebhooks.operator.datadog;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Spaces one Datadog org's reads to a steady rate, all resources together, and slows them all when Datadog says 429.
 * A read whose turn is near waits for it; one whose turn is further off is not sent: it fails as {@code BUSY} with
 * the time to its turn, and the resource comes back then, so no worker thread sleeps through a backlog.
 */
public final class ReadPacer {

  /** The longest a read waits in the calling thread for its turn. */
  static final Duration MAX_WAIT = Duration.ofSeconds(2);
  /** How long reads pause after a 429 that names no reset: doubled for each one in a row, up to the cap. */
  static final Duration PAUSE_WITHOUT_RESET = Duration.ofSeconds(1);
  static final Duration MAX_PAUSE_WITHOUT_RESET = Duration.ofSeconds(30);

  private final long spacingNanos;
  private final LongSupplier nanoTime;
  private final LongConsumer sleep;
  private long nextFree;
  /** 429s without a reset since the last successful read. */
  private int limitedInARow;

  public ReadPacer(double perSecond) {
    this(perSecond, System::nanoTime, LockSupport::parkNanos);
  }

  /** {@code nanoTime} and {@code sleep}: the clock and the wait (tests pass their own). */
  ReadPacer(double perSecond, LongSupplier nanoTime, LongConsumer sleep) {
    this.spacingNanos = Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / perSecond));
    this.nanoTime = nanoTime;
    this.sleep = sleep;
    this.nextFree = nanoTime.getAsLong();
  }

  /** Takes the next read turn: returns once it has come, or throws BUSY when it is more than {@link #MAX_WAIT} off. */
  public void acquire(String operation) {
    long wait;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      long turn = Math.max(now, nextFree);
      wait = turn - now;
      if (wait > MAX_WAIT.toNanos()) {
        throw new DatadogApiException(operation, DatadogApiException.BUSY, List.of("the org's reads are paced"
            + " (DATADOG_READS_PER_SECOND, or Datadog asked to slow down); tried again when its turn comes"),
            Duration.ofNanos(wait));
      }
      nextFree = turn + spacingNanos;
    }
    if (wait > 0) {
      sleep.accept(wait);
    }
  }

  /**
   * Datadog answered 429 to a read: no read of this org goes out before {@code reset}; when Datadog named none, for
   * a pause that doubles with each 429 in a row (1 s, 2 s, ... 30 s) until a read succeeds.
   */
  public synchronized void rateLimited(Duration reset) {
    Duration pause = reset;
    if (pause == null) {
      pause = PAUSE_WITHOUT_RESET.multipliedBy(1L << Math.min(limitedInARow++, 5));
      pause = pause.compareTo(MAX_PAUSE_WITHOUT_RESET) > 0 ? MAX_PAUSE_WITHOUT_RESET : pause;
    }
    nextFree = Math.max(nextFree, nanoTime.getAsLong() + pause.toNanos());
  }

  /** A read was answered (not 429): the next 429 without a reset starts the pauses from the shortest again. */
  public synchronized void answered() {
    limitedInARow = 0;
  }
}
