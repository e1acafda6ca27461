package io.ddwebhooks.operator.sync;

/** Persists the name about to be created or renamed to, before the write (status.pendingName). */
public interface WriteIntent {

  /** {@code sent}: what the object will hold, as {@link ResourceKind#recognizable} gives it. */
  void record(String name, String sent);

  /** The write certainly did not happen: the recorded name is void. */
  void clear();

  /**
   * The create of {@code name} was answered, and more is to be written to it (a stand-in made secret): the object is
   * this resource's from now on, persisted before that next write.
   */
  default void made(String name) {
  }
}
