package io.ddwebhooks.operator.datadog;

import java.util.function.Supplier;

/**
 * Whether the writes a thread is about to make serve a user's change (served first) or a periodic check, and for
 * which tenant (a namespace: waiters of different tenants take turns). Set around a unit of work with {@link #run};
 * read by {@link SerializedWrites} when writes queue up.
 */
public enum WritePriority {
  /** A change someone made: a new spec, a changed Secret, a first reconcile. */
  USER_CHANGE,
  /** A periodic re-read that found something to correct. */
  RESYNC;

  private record Turn(WritePriority priority, String tenant) {}

  private static final ThreadLocal<Turn> CURRENT = ThreadLocal.withInitial(() -> new Turn(USER_CHANGE, null));

  /** Runs {@code work} with {@code priority}, for the tenant already set (if any). */
  public static <T> T run(WritePriority priority, Supplier<T> work) {
    return run(priority, CURRENT.get().tenant(), work);
  }

  /** Runs {@code work} with {@code priority} for {@code tenant}. */
  public static <T> T run(WritePriority priority, String tenant, Supplier<T> work) {
    Turn previous = CURRENT.get();
    CURRENT.set(new Turn(priority, tenant));
    try {
      return work.get();
    } finally {
      CURRENT.set(previous);
    }
  }

  static WritePriority current() {
    return CURRENT.get().priority();
  }

  static String currentTenant() {
    return CURRENT.get().tenant();
  }
}
