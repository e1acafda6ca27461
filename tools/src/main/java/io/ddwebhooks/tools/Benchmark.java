package io.ddwebhooks.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ddwebhooks.kube.LocalKubernetes;
import io.ddwebhooks.operator.crd.CrdResources;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogCustomVariableSpec;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.DatadogWebhookSpec;
import io.ddwebhooks.operator.crd.ValueSource;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * The benchmark harness, part of the product: for each N, N webhooks (each URL from a Secret of its own), N custom
 * variables and N more Secrets the operator ignores; it measures creates, spec updates, Secret rotations, the steady
 * state over several resync intervals, a restart and deletes, as ratios to the bound Datadog sets (one write at a
 * time per org) and as Datadog calls per change or per resource, plus startup time and memory. Runs the operator in
 * this process on the in-process Kubernetes API, or, given a kubeconfig, runs the real {@code run} command in a JVM
 * of its own (the Deployment's JVM options) against that cluster. Prints figures and writes a Markdown table and
 * PNG plots; asserts nothing about time.
 */
public final class Benchmark {

  /** What to run. {@code kubeconfig} null: the in-process API server and operator. */
  public record Settings(List<Integer> sizes, Duration readLatency, Duration writeLatency, Duration resync,
      int steadyIntervals, double readsPerSecond, Path kubeconfig, List<String> operatorJvm, Path out,
      boolean plots) {}

  /**
   * The JVM options of deploy/operator's Deployment (the chart and the Dockerfile use the same; a test keeps them
   * equal), with -XX:MaxRAM standing in for its memory limit: the heap is then sized as in the container.
   */
  public static final List<String> DEPLOYMENT_JVM = List.of("-XX:MaxRAM=384m", "-XX:MaxRAMPercentage=70",
      "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
      "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp");

  private static final String OPERATOR_NAMESPACE = "datadog-webhooks-operator";
  private static final Duration TIMEOUT = Duration.ofMinutes(60);

  private final PrintStream out;

  public Benchmark(PrintStream out) {
    this.out = out;
  }

  /** Runs every size; 0 when every phase converged. The figures are in {@link #results}. */
  public int run(Settings settings) throws Exception {
    results.clear();
    for (int n : settings.sizes()) {
      BenchmarkFigures figures = runOne(n, settings);
      if (figures == null) {
        return 1;
      }
      results.add(figures);
    }
    String table = BenchmarkReport.markdown(results);
    out.println();
    out.println(table);
    if (settings.out() != null) {
      Files.createDirectories(settings.out());
      Files.writeString(settings.out().resolve("benchmark.md"), table);
      // the figures themselves, so that runs at different latencies can be combined into one report later
      new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValue(settings.out().resolve("figures.json").toFile(), results);
      if (settings.plots()) {
        BenchmarkReport.plots(results, settings.out());
      }
      out.println("written to " + settings.out().toAbsolutePath());
    }
    return 0;
  }

  private final List<BenchmarkFigures> results = new ArrayList<>();

  /** One table and one set of plots from the figures.json of earlier runs (sorted by N), written to {@code out}. */
  public int combine(List<Path> figures, Path out) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<BenchmarkFigures> all = new ArrayList<>();
    for (Path f : figures) {
      all.addAll(List.of(json.readValue(f.toFile(), BenchmarkFigures[].class)));
    }
    all.sort(Comparator.comparingInt(BenchmarkFigures::n).thenComparingLong(BenchmarkFigures::writeLatencyMs));
    String table = BenchmarkReport.markdown(all);
    Files.createDirectories(out);
    Files.writeString(out.resolve("benchmark.md"), table);
    BenchmarkReport.plots(all, out);
    this.out.println(table);
    return 0;
  }

  public List<BenchmarkFigures> results() {
    return List.copyOf(results);
  }

  private BenchmarkFigures runOne(int n, Settings s) throws Exception {
    String ns = "bench-" + n + "-" + Long.toString(System.nanoTime() & 0xffff, 36);
    try (DatadogEmulator datadog = new DatadogEmulator(0, "bench-api-key", "bench-app-key");
        Cluster cluster = Cluster.of(s.kubeconfig())) {
      datadog.setLatency(s.readLatency(), s.writeLatency());
      poll = Duration.ofMillis(n > 1000 ? 2000 : 500);
      KubernetesClient client = cluster.client();
      ensureNamespace(client, ns);
      ensureNamespace(client, OPERATOR_NAMESPACE);
      OperatorUnderTest operator = operator(s, cluster, datadog, ns);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        out.printf("benchmark N=%d: %d webhooks and %d custom variables, %d Secrets; Datadog reads %d ms, writes"
                + " %d ms; resync %s, reads capped at %.0f/s; %s%n", n, n, n, 2 * n, s.readLatency().toMillis(),
            s.writeLatency().toMillis(), s.resync(), s.readsPerSecond(), s.kubeconfig() == null ? "in-process API server and operator"
                : "cluster " + s.kubeconfig() + ", operator in its own JVM " + s.operatorJvm());
        parallel(pool, n, i -> client.resource(secret(ns, "bench-url-" + i, "url", url(i, 1))).create());
        parallel(pool, n, i -> client.resource(secret(ns, "bench-other-" + i, "data", "x".repeat(200))).create());
        operator.start(false);
        int resources = 2 * n;

        // creates
        datadog.clearCalls();
        Instant start = Instant.now();
        parallel(pool, n, i -> {
          client.resource(webhook(ns, i)).create();
          client.resource(variable(ns, i)).create();
        });
        if (!await(() -> datadog.webhookNames().size() >= n && datadog.variableNames().size() >= n
            && allSynced(client, ns, 1))) {
          return failed("creates did not converge");
        }
        double createSeconds = seconds(start, lastWriteEnd(datadog, s.writeLatency()));
        Calls create = Calls.of(datadog.calls());
        long createGets = getsBeforeWrite(datadog.calls());
        out.printf("create: %.1f s, %s; GETs before the create: %d%n", createSeconds, create, createGets);

        // spec updates
        datadog.clearCalls();
        start = Instant.now();
        // a merge patch without a resourceVersion, as `kubectl patch --type merge` sends: the operator's status
        // writes in between do not make it a conflict (an edit of the object read before them answered 409 at N=5,000)
        parallel(pool, n, i -> client.resources(DatadogWebhook.class).inNamespace(ns).withName("bench-" + i)
            .patch(PatchContext.of(PatchType.JSON_MERGE), JsonNodeFactory.instance.objectNode().set("spec",
                JsonNodeFactory.instance.objectNode().put("payload",
                    "{\"text\": \"$EVENT_TITLE\", \"n\": " + i + "}")).toString()));
        if (!await(() -> Calls.of(datadog.calls()).writes() >= n && allSynced(client, ns, 2))) {
          return failed("updates did not converge");
        }
        double updateSeconds = seconds(start, lastWriteEnd(datadog, s.writeLatency()));
        Calls update = Calls.of(datadog.calls());
        long updateGets = getsBeforeWrite(datadog.calls());
        out.printf("update: %.1f s, %s; GETs before the write: %d%n", updateSeconds, update, updateGets);

        // Secret rotations: a few one at a time for the latency, then all at once for the calls
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < Math.min(n, 11); i++) {
          datadog.clearCalls();
          Instant changed = Instant.now();
          rotate(client, ns, i, 2);
          String path = "/webhooks/bench-" + i;
          if (!await(() -> datadog.calls().stream().anyMatch(c -> c.isWrite() && c.path().endsWith(path)))) {
            return failed("a Secret rotation was not applied");
          }
          Instant wrote = datadog.calls().stream().filter(c -> c.isWrite() && c.path().endsWith(path))
              .map(RecordedCall::received).findFirst().orElseThrow();
          latencies.add(seconds(changed, wrote));
        }
        awaitQuiet(client, ns, datadog);
        datadog.clearCalls();
        parallel(pool, n, i -> rotate(client, ns, i, 3));
        if (!await(() -> Calls.of(datadog.calls()).writes() >= n && allSynced(client, ns, 2))) {
          return failed("rotations did not converge");
        }
        awaitQuiet(client, ns, datadog);
        Calls rotation = Calls.of(datadog.calls());
        out.printf("Secret rotation: %s; change -> write p50 %.2f s%n", rotation, median(latencies));

        // steady state
        datadog.clearCalls();
        LockSupport.parkNanos(s.resync().multipliedBy(s.steadyIntervals()).toNanos());
        Calls steady = Calls.of(datadog.calls());
        out.printf("steady state over %d intervals: %s%n", s.steadyIntervals(), steady);
        OperatorUnderTest.Memory memory = operator.memory();
        out.printf("memory: heap after GC %d MiB of %d MiB, RSS %d MiB, %d threads (%s)%n", memory.heapAfterGc() >> 20,
            memory.maxHeap() >> 20, memory.rss() >> 20, memory.threads(), memory.what());

        // restart
        operator.stop();
        datadog.clearCalls();
        Duration startup = operator.start(true);
        // a third of an interval (at most a minute): the steady state reads window / interval of the resources
        Duration third = s.resync().dividedBy(3);
        Duration window = third.compareTo(Duration.ofMinutes(1)) < 0 ? third : Duration.ofMinutes(1);
        LockSupport.parkNanos(window.toNanos());
        Calls restart = Calls.of(datadog.calls());
        out.printf("restart: first reconcile %.2f s after the start; first %d s: %s%n", startup.toMillis() / 1000.0,
            window.toMillis() / 1000, restart);

        // deletes
        datadog.clearCalls();
        start = Instant.now();
        client.resources(DatadogWebhook.class).inNamespace(ns).delete();
        client.resources(DatadogCustomVariable.class).inNamespace(ns).delete();
        if (!await(() -> datadog.webhookNames().isEmpty() && datadog.variableNames().isEmpty()
            && client.resources(DatadogWebhook.class).inNamespace(ns).list().getItems().isEmpty()
            && client.resources(DatadogCustomVariable.class).inNamespace(ns).list().getItems().isEmpty())) {
          return failed("deletes did not finish");
        }
        double deleteSeconds = seconds(start, lastWriteEnd(datadog, s.writeLatency()));
        Calls delete = Calls.of(datadog.calls());
        out.printf("delete: %.1f s, %s%n", deleteSeconds, delete);

        double bound = resources * s.writeLatency().toMillis() / 1000.0;
        double intervals = Math.max(1, s.steadyIntervals());
        return new BenchmarkFigures(n, resources, s.writeLatency().toMillis(), createSeconds, createSeconds / bound,
            create.writes() / (double) resources, createGets / (double) resources,
            updateSeconds / (bound / 2), update.writes() / (double) n, updateGets / (double) n,
            rotation.writes() / (double) n, median(latencies), s.steadyIntervals(),
            steady.writes() / (resources * intervals), steady.gets() / (resources * intervals),
            window.toMillis() / 1000.0, restart.writes() / (double) resources, restart.gets() / (double) resources,
            startup.toMillis() / 1000.0, deleteSeconds / bound, delete.writes() / (double) resources,
            memory.heapAfterGc() >> 20, memory.maxHeap() >> 20, memory.rss() >> 20, memory.threads(),
            memory.what());
      } finally {
        pool.shutdownNow();
        operator.stop();
        if (s.kubeconfig() != null) {
          client.namespaces().withName(ns).delete();
        }
      }
    }
  }

  /** Datadog calls of a phase: successful writes, GETs, and answers that were not 2xx or 404. */
  record Calls(long writes, long gets, long webhookGets, long failed) {
    static Calls of(List<RecordedCall> calls) {
      return new Calls(calls.stream().filter(c -> c.isWrite() && c.status() / 100 == 2).count(),
          calls.stream().filter(c -> !c.isWrite()).count(),
          calls.stream().filter(c -> !c.isWrite() && c.path().contains("/configuration/webhooks/")).count(),
          calls.stream().filter(c -> c.status() / 100 != 2 && c.status() != 404).count());
    }

    @Override
    public String toString() {
      return writes + " writes, " + gets + " GETs (" + webhookGets + " of webhooks)"
          + (failed > 0 ? ", " + failed + " refused" : "");
    }
  }

  /**
   * GETs spent on a change: those of a name before its first successful write in the phase (a resync of an object
   * already written in the same phase is not a cost of the change).
   */
  static long getsBeforeWrite(List<RecordedCall> calls) {
    Map<String, Long> written = new java.util.HashMap<>();
    for (RecordedCall c : calls) {
      if (c.isWrite() && c.status() / 100 == 2) {
        String name = c.method().equals("POST") ? nameInBody(c.requestBody()) : lastSegment(c.path());
        if (name != null) {
          written.putIfAbsent(name, c.sequence());
        }
      }
    }
    return calls.stream().filter(c -> c.method().equals("GET")).filter(c -> {
      Long write = written.get(lastSegment(c.path()));
      return write != null && c.sequence() < write;
    }).count();
  }

  private static final java.util.regex.Pattern NAME_IN_BODY =
      java.util.regex.Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

  private static String nameInBody(String body) {
    java.util.regex.Matcher m = NAME_IN_BODY.matcher(body == null ? "" : body);
    return m.find() ? m.group(1) : null;
  }

  private static String lastSegment(String path) {
    return java.net.URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  private OperatorUnderTest operator(Settings s, Cluster cluster, DatadogEmulator datadog, String ns)
      throws Exception {
    if (s.kubeconfig() == null) {
      OperatorConfig config = OperatorConfig.forDatadog(datadog.baseUrl(), "bench-api-key", "bench-app-key")
          .withOperatorNamespace(OPERATOR_NAMESPACE).withResyncInterval(s.resync()).withNamespaces(Set.of(ns))
          .withReadsPerSecond(s.readsPerSecond());
      return new OperatorUnderTest.InProcess(cluster.client(), config,
          "this JVM: benchmark, in-process API server, emulator and operator");
    }
    Path log = (s.out() != null ? s.out() : Path.of(System.getProperty("java.io.tmpdir")))
        .resolve("operator-" + ns + ".log");
    Files.createDirectories(log.getParent());
    return new OperatorUnderTest.ChildProcess(s.kubeconfig(), Map.of("DD_URL", datadog.baseUrl().toString(),
        "DD_API_KEY", "bench-api-key", "DD_APP_KEY", "bench-app-key", "WATCH_NAMESPACES", ns,
        "RESYNC_INTERVAL", s.resync().toMillis() + "ms", "POD_NAMESPACE", OPERATOR_NAMESPACE, "LOG_LEVEL", "INFO",
        "DATADOG_READS_PER_SECOND", Double.toString(s.readsPerSecond())),
        s.operatorJvm(), log);
  }

  /** The Kubernetes API the benchmark drives: in-process, or the cluster of a kubeconfig. */
  record Cluster(KubernetesClient client, LocalKubernetes local) implements AutoCloseable {
    static Cluster of(Path kubeconfig) throws Exception {
      if (kubeconfig == null) {
        LocalKubernetes local = LocalKubernetes.start(CrdResources.ALL);
        return new Cluster(local.client(), local);
      }
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      // deleting 5,000 resources at once marks each for deletion inside one request: longer than the default 10 s
      config.setRequestTimeout((int) Duration.ofMinutes(2).toMillis());
      return new Cluster(new KubernetesClientBuilder().withConfig(config).build(), null);
    }

    @Override
    public void close() {
      if (local != null) {
        local.close();
      } else {
        client.close();
      }
    }
  }

  private static void ensureNamespace(KubernetesClient client, String ns) {
    if (client.namespaces().withName(ns).get() == null) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
  }

  private static void parallel(ExecutorService pool, int n, IntConsumer task) throws Exception {
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      futures.add(pool.submit(() -> task.accept(k)));
    }
    for (Future<?> f : futures) {
      f.get();
    }
  }

  private static void rotate(KubernetesClient client, String ns, int i, int version) {
    client.resource(secret(ns, "bench-url-" + i, "url", url(i, version))).update();
  }

  private static String url(int i, int version) {
    return "https://hooks.example.com/bench/" + i + "/t" + version;
  }

  private static io.fabric8.kubernetes.api.model.Secret secret(String ns, String name, String key, String value) {
    return new SecretBuilder().withMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build())
        .addToStringData(key, value).build();
  }

  private static DatadogWebhook webhook(String ns, int i) {
    DatadogWebhook w = new DatadogWebhook();
    w.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("bench-" + i).build());
    DatadogWebhookSpec spec = new DatadogWebhookSpec();
    spec.setUrlFrom(ValueSource.secret("bench-url-" + i, "url"));
    w.setSpec(spec);
    return w;
  }

  private static DatadogCustomVariable variable(String ns, int i) {
    DatadogCustomVariable v = new DatadogCustomVariable();
    v.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("bench-var-" + i).build());
    DatadogCustomVariableSpec spec = new DatadogCustomVariableSpec();
    spec.setValue("value-" + i);
    spec.setIsSecret(i % 2 == 0);
    v.setSpec(spec);
    return v;
  }

  /** Every webhook and custom variable is Synced; the webhooks at {@code webhookGeneration}. */
  private static boolean allSynced(KubernetesClient client, String ns, long webhookGeneration) {
    return client.resources(DatadogWebhook.class).inNamespace(ns).list().getItems().stream()
        .allMatch(w -> synced(w) && w.getStatus().getObservedGeneration() == webhookGeneration)
        && client.resources(DatadogCustomVariable.class).inNamespace(ns).list().getItems().stream()
        .allMatch(Benchmark::synced);
  }

  private static boolean synced(CustomResource<?, DatadogResourceStatus> r) {
    DatadogResourceStatus s = r.getStatus();
    return s != null && ReadyCondition.reason(s).filter("Synced"::equals).isPresent();
  }

  /** After a phase: everything Synced and no write for a moment (late retries are counted in the phase). */
  private void awaitQuiet(KubernetesClient client, String ns, DatadogEmulator datadog) {
    long[] seen = {-1};
    await(() -> {
      long writes = datadog.writes().size();
      boolean quiet = writes == seen[0];
      seen[0] = writes;
      return quiet && allSynced(client, ns, 2);
    });
  }

  /** How often a phase's end is checked: listing thousands of resources is not free for the API server. */
  private Duration poll = Duration.ofMillis(500);

  private boolean await(BooleanSupplier done) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (done.getAsBoolean()) {
        return true;
      }
      LockSupport.parkNanos(poll.toNanos());
    }
    return false;
  }

  /** When the phase's last successful write ended (its arrival plus the emulated latency). */
  private static Instant lastWriteEnd(DatadogEmulator datadog, Duration writeLatency) {
    return datadog.calls().stream().filter(RecordedCall::isWrite).map(RecordedCall::received)
        .max(Comparator.naturalOrder()).map(t -> t.plus(writeLatency)).orElse(Instant.now());
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private BenchmarkFigures failed(String what) {
    out.println("FAILED: " + what);
    return null;
  }
}
