package io.ddwebhooks.operator.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * When each resource is next re-read from Datadog. Every resource has a fixed phase within the resync interval,
 * derived from its uid, and is checked in its own slot: {@code phase + k x interval} on the wall clock. Phases are
 * spread evenly, so N resources cost a steady N / interval reads, whether they were created together, and whether
 * the operator just restarted (the slots do not depend on when the process started). The next slot after a check is
 * at least half an interval away, so one check per resource per interval on average.
 */
public final class ResyncSlots {

  private ResyncSlots() {}

  /** The first slot of {@code uid} at or after {@code earliest}. */
  public static Instant slotAtOrAfter(String uid, Instant earliest, Duration interval) {
    long period = Math.max(1, interval.toMillis());
    long phase = Math.floorMod(spread(uid), period);
    long at = earliest.toEpochMilli();
    long slot = Math.floorDiv(at - phase, period) * period + phase;
    if (slot < at) {
      slot += period;
    }
    return Instant.ofEpochMilli(slot);
  }

  /** The next check after one made at {@code verified}: the first slot at least half an interval later. */
  public static Instant nextAfterCheck(String uid, Instant verified, Duration interval) {
    return slotAtOrAfter(uid, verified.plus(interval.dividedBy(2)), interval);
  }

  /**
   * The next check of a resource that was verified at {@code verified} (unknown: null) and not since, seen at
   * {@code now}: its regular slot after the last check, or, when that slot has passed (the operator was down), its
   * next slot from now; never a burst of everything at once.
   */
  public static Instant nextCheck(String uid, Instant verified, Instant now, Duration interval) {
    Instant regular = verified == null ? now : nextAfterCheck(uid, verified, interval);
    return slotAtOrAfter(uid, regular.isBefore(now) ? now : regular, interval);
  }

  /** A well-mixed 64-bit hash of the uid (String.hashCode alone clusters similar uids). */
  private static long spread(String uid) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < uid.length(); i++) {
      h ^= uid.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
