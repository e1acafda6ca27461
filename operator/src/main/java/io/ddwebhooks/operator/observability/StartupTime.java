package io.ddwebhooks.operator.observability;

import io.ddwebhooks.operator.reconciler.ReconcileObserver;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs, once, how long after the JVM started the first reconcile finished (the startup time users wait for). */
public final class StartupTime implements ReconcileObserver {

  /** The start of the log line; the benchmark looks for it. */
  public static final String MARKER = "first reconcile done";

  private static final Logger LOG = LoggerFactory.getLogger(StartupTime.class);

  private final ReconcileObserver delegate;
  private final AtomicBoolean logged = new AtomicBoolean();

  public StartupTime(ReconcileObserver delegate) {
    this.delegate = delegate;
  }

  @Override
  public void reconciled(String kind, String reason) {
    if (logged.compareAndSet(false, true)) {
      long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
      LOG.info("{} {} ms after the JVM started", MARKER, ms);
    }
    delegate.reconciled(kind, reason);
  }

  @Override
  public void resyncLag(String kind, java.time.Duration lag) {
    delegate.resyncLag(kind, lag);
  }

  @Override
  public void driftCorrected(String kind) {
    delegate.driftCorrected(kind);
  }

  @Override
  public void state(String kind, String uid, String reason) {
    delegate.state(kind, uid, reason);
  }

  @Override
  public void gone(String uid) {
    delegate.gone(uid);
  }
}
