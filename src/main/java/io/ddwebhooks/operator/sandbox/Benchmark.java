package io.ddwebhooks.operator.sandbox;

import io.ddwebhooks.operator.OperatorRuntime;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.DatadogWebhookSpec;
import io.ddwebhooks.operator.emulator.DatadogEmulator;
import io.ddwebhooks.operator.emulator.RecordedCall;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Measures the operator on the in-process Kubernetes API and the emulator with Datadog-like latency: time for N new
 * webhooks to converge, for N updates, and for N deletions, the Datadog calls each phase costs, the writes in flight,
 * and the heap after convergence. Prints figures; asserts nothing about time.
 */
public final class Benchmark {

  private final PrintStream out;

  public Benchmark(PrintStream out) {
    this.out = out;
  }

  public int run(int resources, Duration readLatency, Duration writeLatency) throws Exception {
    try (DatadogEmulator datadog = new DatadogEmulator(0, "bench-api-key", "bench-app-key");
        LocalKubernetes kubernetes = LocalKubernetes.start()) {
      datadog.setLatency(readLatency, writeLatency);
      KubernetesClient client = kubernetes.client();
      OperatorConfig config = OperatorConfig.forDatadog(datadog.baseUrl(), "bench-api-key", "bench-app-key")
          .withOperatorNamespace("datadog-webhooks-operator")
          .withResyncInterval(Duration.ofHours(1));
      OperatorRuntime operator = OperatorRuntime.create(client, config, OperatorRuntime.datadogClient(config), false);
      operator.start();
      try {
        out.printf("benchmark: %d webhooks, Datadog latency %d ms per read, %d ms per write%n", resources,
            readLatency.toMillis(), writeLatency.toMillis());
        Instant start = Instant.now();
        for (int i = 0; i < resources; i++) {
          client.resource(webhook("bench-" + i)).create();
        }
        if (!await(client, resources, w -> isSynced(w), Duration.ofMinutes(30))) {
          out.println("FAILED: not converged");
          return 1;
        }
        Duration converge = Duration.between(start, Instant.now());
        report("create", converge, resources, datadog);

        datadog.clearCalls();
        start = Instant.now();
        for (int i = 0; i < resources; i++) {
          client.resources(DatadogWebhook.class).inNamespace("bench").withName("bench-" + i)
              .edit(w -> {
                w.getSpec().setUrl(w.getSpec().getUrl() + "/v2");
                return w;
              });
        }
        if (!await(client, resources, w -> isSynced(w) && w.getStatus().getObservedGeneration() == 2L,
            Duration.ofMinutes(30))) {
          out.println("FAILED: updates not converged");
          return 1;
        }
        report("update", Duration.between(start, Instant.now()), resources, datadog);

        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.printf("memory: heap used after GC %d MiB (committed %d MiB), %d threads%n", heap.getUsed() >> 20,
            heap.getCommitted() >> 20, Thread.activeCount());

        datadog.clearCalls();
        start = Instant.now();
        client.resources(DatadogWebhook.class).inNamespace("bench").delete();
        if (!await(client, 0, w -> true, Duration.ofMinutes(30))) {
          out.println("FAILED: cleanup did not finish");
          return 1;
        }
        report("delete", Duration.between(start, Instant.now()), resources, datadog);
        return 0;
      } finally {
        operator.stop();
      }
    }
  }

  private static DatadogWebhook webhook(String name) {
    DatadogWebhook w = new DatadogWebhook();
    w.setMetadata(new ObjectMetaBuilder().withNamespace("bench").withName(name).build());
    DatadogWebhookSpec spec = new DatadogWebhookSpec();
    spec.setUrl("https://bench.example.com/" + name);
    w.setSpec(spec);
    return w;
  }

  private static boolean isSynced(DatadogWebhook w) {
    DatadogResourceStatus s = w.getStatus();
    return s != null && ReadyCondition.reason(s).filter("Synced"::equals).isPresent();
  }

  private static boolean await(KubernetesClient client, int expected, Predicate<DatadogWebhook> done,
      Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      var items = client.resources(DatadogWebhook.class).inNamespace("bench").list().getItems();
      if (items.size() == expected && items.stream().allMatch(done)) {
        return true;
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    return false;
  }

  private void report(String phase, Duration took, int resources, DatadogEmulator datadog) {
    Map<String, Long> calls = datadog.calls().stream()
        .collect(Collectors.groupingBy(RecordedCall::method, java.util.TreeMap::new, Collectors.counting()));
    out.printf("%s: %d resources in %.1f s (%.1f per second); Datadog calls %s, %.2f per resource;"
            + " writes in flight at once: max %d%n",
        phase, resources, took.toMillis() / 1000.0, resources * 1000.0 / Math.max(1, took.toMillis()), calls,
        datadog.calls().size() / (double) resources, datadog.maxConcurrentWrites());
  }
}
