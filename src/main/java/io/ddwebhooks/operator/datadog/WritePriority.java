package io.ddwebhooks.operator.datadog;

import java.util.function.Supplier;

/**
 * Whether the writes a thread is about to make serve a user's change (served first) or a periodic check. Set around
 * a unit of work with {@link #run}; read by {@link SerializedWrites} when writes queue up.
 */
public enum WritePriority {
  /** A change someone made: a new spec, a changed Secret, a first reconcile. */
  USER_CHANGE,
  /** A periodic re-read that found something to correct. */
  RESYNC;

  private static final ThreadLocal<WritePriority> CURRENT = ThreadLocal.withInitial(() -> USER_CHANGE);

  public static <T> T run(WritePriority priority, Supplier<T> work) {
    WritePriority previous = CURRENT.get();
    CURRENT.set(priority);
    try {
      return work.get();
    } finally {
      CURRENT.set(previous);
    }
  }

  static WritePriority current() {
    return CURRENT.get();
  }
}
