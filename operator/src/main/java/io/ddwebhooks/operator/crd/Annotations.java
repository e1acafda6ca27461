package io.ddwebhooks.operator.crd;

/** Annotations a user may set on either kind. */
public final class Annotations {

  /** "true": no Datadog call at all for this resource (Ready reason Paused); removing it resumes. */
  public static final String PAUSED = "ddwebhooks.io/paused";
  /** "true": take over an existing Datadog object of the same name, where the operator allows adoption. */
  public static final String ADOPT = "ddwebhooks.io/adopt";
  /** A duration (30s, 10m, 1h): how often this resource is re-read from Datadog, instead of RESYNC_INTERVAL. */
  public static final String RESYNC_INTERVAL = "ddwebhooks.io/resync-interval";
  /**
   * A duration: write the value again at least this often even when nothing is known to differ. The only way to
   * undo an out-of-band change to a secret custom variable, whose value Datadog never returns.
   */
  public static final String REAPPLY_INTERVAL = "ddwebhooks.io/reapply-interval";

  private Annotations() {}
}
