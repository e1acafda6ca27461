package io.ddwebhooks.operator.observability;

import io.ddwebhooks.operator.datadog.CallObserver;
import io.ddwebhooks.operator.reconciler.ReconcileObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The operator's Prometheus metrics: reconciliations by kind and outcome, Datadog API calls by operation and status
 * with a latency histogram, the Datadog write queue, drift corrections, leadership, and the JVM's own.
 */
public final class OperatorMetrics implements ReconcileObserver, CallObserver {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public OperatorMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  @Override
  public void reconciled(String kind, String reason) {
    boolean failed = !"Synced".equals(reason);
    Counter.builder("ddwebhooks.reconciliations")
        .description("Reconciliations, by kind and the Ready reason they ended with")
        .tag("kind", kind).tag("reason", reason).tag("result", failed ? "failure" : "success")
        .register(registry).increment();
  }

  @Override
  public void driftCorrected(String kind) {
    Counter.builder("ddwebhooks.drift.corrections")
        .description("Objects restored after a change made in Datadog outside Kubernetes")
        .tag("kind", kind).register(registry).increment();
  }

  @Override
  public void resyncLag(String kind, Duration lag) {
    Timer.builder("ddwebhooks.resync.lag")
        .description("How long after its resync slot a resource's Datadog read happened: reads for users' changes go"
            + " first, resyncs use what is left of DATADOG_READS_PER_SECOND")
        .tag("kind", kind).publishPercentiles(0.5, 0.99).register(registry).record(lag);
  }

  @Override
  public void observe(String org, String operation, int status, Duration latency) {
    Timer.builder("ddwebhooks.datadog.requests")
        .description("Calls to the Datadog API, by org, operation and HTTP status (0: no answer)")
        .tag("org", org).tag("operation", operation).tag("status", String.valueOf(status))
        .publishPercentileHistogram()
        .register(registry).record(latency);
  }

  /** Each resource's kind and Ready reason, for {@code ddwebhooks_resources}. */
  private final java.util.Map<String, String> states = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Set<String> gauged = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public void state(String kind, String uid, String reason) {
    // one shared key per kind and reason, not a copy per resource
    String key = (kind + "\n" + reason).intern();
    states.put(uid, key);
    if (gauged.add(key)) {
      // a gauge per kind and reason once seen; it reads 0 when no resource has that reason any more
      Gauge.builder("ddwebhooks.resources", states, m -> m.values().stream().filter(key::equals).count())
          .description("Resources by kind and Ready reason (a resource no longer retried stays counted here)")
          .tag("kind", kind).tag("reason", reason).register(registry);
    }
  }

  @Override
  public void gone(String uid) {
    states.remove(uid);
  }

  /** Writes waiting for the per-org write lock. */
  public void writeQueue(Supplier<Number> queued) {
    Gauge.builder("ddwebhooks.datadog.write.queue", queued)
        .description("Writes waiting for their turn to reach the Datadog org").register(registry);
  }

  /** 1 while this replica leads (or runs without leader election), else 0. */
  public void leader(Supplier<Boolean> leading) {
    Gauge.builder("ddwebhooks.leader", () -> leading.get() ? 1 : 0)
        .description("1 when this replica is the one writing to Datadog").register(registry);
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }
}
