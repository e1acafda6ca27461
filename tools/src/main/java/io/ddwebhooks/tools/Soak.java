package io.ddwebhooks.tools;

import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.crd.DatadogCredentialsSpec;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.DatadogWebhookSpec;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.crd.ValueSource;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jfree.data.xy.XYSeries;

/**
 * The soak: N webhooks across two Datadog orgs (each URL from a Secret of its own) kept under chaos for a while: 5xx,
 * 429s with and without a reset, dropped connections, answers lost after the write was done, one Secret rotated per
 * sample, and the operator killed and started again a third of the way through. At the end the chaos stops and it
 * checks what must hold after any amount of that: every resource Ready, exactly one object per resource in the right
 * org (no duplicates), no write at rest over a resync interval, nothing left in Datadog once the resources are deleted,
 * and memory flat (heap after a full GC, sampled throughout).
 */
final class Soak {

  /** What one soak found. {@code samples}: minute, heap after GC (MiB), writes, GETs and failed calls since the last. */
  record Figures(int n, double minutes, int faults, int rotations, int restarts, boolean converged, int duplicates,
      int missing, long writesAtRest, int leftovers, List<double[]> samples, double heapGrowthPercent) {

    boolean holds() {
      return converged && duplicates == 0 && missing == 0 && writesAtRest == 0 && leftovers == 0;
    }
  }

  record Settings(int n, Duration duration, Duration sampleEvery, Duration readLatency, Duration writeLatency,
      Duration resync, double chaos, Path kubeconfig, List<String> operatorJvm, Path out) {}

  private static final String OPERATOR_NAMESPACE = "datadog-webhooks-operator";
  private static final String SECOND_API_KEY = "soak-second-api-key";
  private static final String SECOND_APP_KEY = "soak-second-app-key";
  private final PrintStream out;

  Soak(PrintStream out) {
    this.out = out;
  }

  Figures run(Settings s) throws Exception {
    String ns = "soak-" + Long.toString(System.nanoTime() & 0xffff, 36);
    try (DatadogEmulator datadog = new DatadogEmulator(0, "soak-api-key", "soak-app-key");
        Benchmark.Cluster cluster = Benchmark.Cluster.of(s.kubeconfig())) {
      DatadogEmulator.Org second = datadog.addOrg("second", SECOND_API_KEY, SECOND_APP_KEY);
      DatadogEmulator.Org first = datadog.org(DatadogEmulator.DEFAULT_ORG);
      datadog.setLatency(s.readLatency(), s.writeLatency());
      KubernetesClient client = cluster.client();
      for (String namespace : List.of(ns, OPERATOR_NAMESPACE)) {
        if (client.namespaces().withName(namespace).get() == null) {
          client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        }
      }
      OperatorUnderTest operator = operator(s, cluster, datadog, ns);
      out.printf("soak: N=%d webhooks across two orgs for %s, chaos %.0f%% of calls, a Secret rotated every %s,"
          + " the operator killed once; resync %s%n", s.n(), s.duration(), s.chaos() * 100, s.sampleEvery(),
          s.resync());
      client.resource(new SecretBuilder().withMetadata(new ObjectMetaBuilder().withNamespace(ns)
          .withName("soak-second-keys").build()).addToStringData("api", SECOND_API_KEY)
          .addToStringData("app", SECOND_APP_KEY).build()).create();
      client.resource(credentials(ns, datadog)).create();
      for (int i = 0; i < s.n(); i++) {
        client.resource(secret(ns, i, 1)).create();
      }
      operator.start(false);
      for (int i = 0; i < s.n(); i++) {
        client.resource(webhook(ns, i)).create();
      }
      try {
        int[] versions = new int[s.n()];
        java.util.Arrays.fill(versions, 1);
        if (!await(() -> allReady(client, ns), Duration.ofMinutes(30))) {
          out.println("FAILED: the webhooks did not become Ready before the soak");
          return null;
        }
        datadog.setChaos(s.chaos(), 42);
        datadog.clearCalls();
        List<double[]> samples = new ArrayList<>();
        Instant start = Instant.now();
        Instant end = start.plus(s.duration());
        int rotations = 0;
        int restarts = 0;
        long seen = 0;
        boolean killed = false;
        while (Instant.now().isBefore(end)) {
          LockSupport.parkNanos(s.sampleEvery().toNanos());
          int i = rotations % s.n();
          client.resource(secret(ns, i, ++versions[i])).update();
          rotations++;
          if (!killed && Duration.between(start, Instant.now()).compareTo(s.duration().dividedBy(3)) >= 0) {
            operator.kill();
            operator.start(false);
            killed = true;
            restarts++;
          }
          List<RecordedCall> calls = datadog.calls();
          List<RecordedCall> fresh = calls.subList((int) Math.min(seen, calls.size()), calls.size());
          seen = calls.size();
          OperatorUnderTest.Memory memory = operator.memory();
          double minute = Duration.between(start, Instant.now()).toMillis() / 60_000.0;
          samples.add(new double[] {minute, memory.heapAfterGc() >> 20,
              fresh.stream().filter(c -> c.isWrite() && c.status() / 100 == 2).count(),
              fresh.stream().filter(c -> !c.isWrite()).count(),
              fresh.stream().filter(c -> c.status() / 100 != 2 && c.status() != 404).count()});
          out.printf("  minute %.1f: heap after GC %d MiB; writes %d, GETs %d, failed %d%n", minute,
              memory.heapAfterGc() >> 20, (long) samples.get(samples.size() - 1)[2],
              (long) samples.get(samples.size() - 1)[3], (long) samples.get(samples.size() - 1)[4]);
        }
        int faults = datadog.faultsInjected();
        datadog.setChaos(0, 0);

        // what must hold after it all: every resource Ready with its last URL, in its own org, exactly once
        // a short soak gets a shorter wait, so that what did not converge is printed inside a test's time limit
        Duration settle = s.duration().compareTo(Duration.ofMinutes(10)) < 0 ? Duration.ofMinutes(4)
            : Duration.ofMinutes(10);
        boolean converged = await(() -> allReady(client, ns) && urlsCurrent(first, second, versions, s.n()),
            settle);
        if (!converged) {
          for (DatadogWebhook w : client.resources(DatadogWebhook.class).inNamespace(ns).list().getItems()) {
            int i = Integer.parseInt(w.getMetadata().getName().substring("soak-".length()));
            var held = (i % 2 == 0 ? first : second).webhook(w.getMetadata().getName());
            out.printf("  %s: %s; Datadog %s, expected v%d%n", w.getMetadata().getName(),
                w.getStatus() == null ? "no status" : ReadyCondition.of(w.getStatus()).map(c -> c.getReason() + " "
                    + c.getMessage()).orElse("no Ready"),
                held.map(h -> h.path("url").asText()).orElse("absent"), versions[i]);
          }
        }
        Set<String> expectedFirst = new HashSet<>();
        Set<String> expectedSecond = new HashSet<>();
        for (int i = 0; i < s.n(); i++) {
          (i % 2 == 0 ? expectedFirst : expectedSecond).add("soak-" + i);
        }
        int duplicates = extra(first.webhookNames(), expectedFirst) + extra(second.webhookNames(), expectedSecond);
        int missing = missing(first.webhookNames(), expectedFirst) + missing(second.webhookNames(), expectedSecond);
        // at rest: one resync interval (and a little) with nothing changing writes nothing
        datadog.clearCalls();
        LockSupport.parkNanos(s.resync().plusSeconds(5).toNanos());
        long writesAtRest = datadog.writes().size();

        client.resources(DatadogWebhook.class).inNamespace(ns).delete();
        await(() -> client.resources(DatadogWebhook.class).inNamespace(ns).list().getItems().isEmpty(),
            Duration.ofMinutes(10));
        int leftovers = first.webhookNames().size() + second.webhookNames().size();
        double growth = heapGrowth(samples);
        Figures f = new Figures(s.n(), s.duration().toMillis() / 60_000.0, faults, rotations, restarts, converged,
            duplicates, missing, writesAtRest, leftovers, samples, growth);
        report(f, s.out());
        return f;
      } finally {
        operator.stop();
        if (s.kubeconfig() != null) {
          client.namespaces().withName(ns).delete();
        }
      }
    }
  }

  /** Heap after GC at the end against the third sample on (the first minutes hold the creates' garbage), in %. */
  static double heapGrowth(List<double[]> samples) {
    if (samples.size() < 4) {
      return 0;
    }
    int from = Math.max(1, samples.size() / 3);
    double base = samples.get(from)[1];
    double last = samples.get(samples.size() - 1)[1];
    return base <= 0 ? 0 : (last - base) * 100 / base;
  }

  private void report(Figures f, Path dir) throws Exception {
    StringBuilder md = new StringBuilder();
    md.append("| figure | goal | soak |\n|---|---|---|\n");
    md.append("| webhooks (two orgs) | | ").append(f.n()).append(" |\n");
    md.append("| minutes of chaos | | ").append(String.format("%.1f", f.minutes())).append(" |\n");
    md.append("| faults injected (5xx, 429, dropped, lost after the write) | | ").append(f.faults()).append(" |\n");
    md.append("| Secrets rotated | | ").append(f.rotations()).append(" |\n");
    md.append("| operator killed and started | | ").append(f.restarts()).append(" |\n");
    md.append("| every resource Ready with its last URL afterwards | yes | ").append(f.converged() ? "yes" : "NO")
        .append(" |\n");
    md.append("| duplicates (objects beyond one per resource) | 0 | ").append(f.duplicates()).append(" |\n");
    md.append("| missing objects | 0 | ").append(f.missing()).append(" |\n");
    md.append("| writes at rest over a resync interval | 0 | ").append(f.writesAtRest()).append(" |\n");
    md.append("| leftovers after deleting every resource | 0 | ").append(f.leftovers()).append(" |\n");
    md.append("| heap after GC, growth from a third of the way to the end | < 5% | ")
        .append(String.format("%.1f%%", f.heapGrowthPercent())).append(" |\n");
    out.println();
    out.println(md);
    if (dir == null) {
      return;
    }
    Files.createDirectories(dir);
    StringBuilder samples = new StringBuilder("| minute | heap after GC (MiB) | writes | GETs | failed |\n"
        + "|---|---|---|---|---|\n");
    XYSeries heap = new XYSeries("heap after GC (MiB)");
    XYSeries writes = new XYSeries("writes");
    XYSeries gets = new XYSeries("GETs");
    XYSeries failed = new XYSeries("failed calls");
    for (double[] x : f.samples()) {
      samples.append(String.format("| %.1f | %.0f | %.0f | %.0f | %.0f |%n", x[0], x[1], x[2], x[3], x[4]));
      heap.add(x[0], x[1]);
      writes.add(x[0], x[2]);
      gets.add(x[0], x[3]);
      failed.add(x[0], x[4]);
    }
    Files.writeString(dir.resolve("soak.md"), md + "\n" + samples);
    BenchmarkReport.save(dir.resolve("soak-memory.png"), "Soak: heap after a full GC", "minutes", "MiB", heap);
    BenchmarkReport.save(dir.resolve("soak-calls.png"), "Soak: Datadog calls per sample", "minutes", "calls",
        writes, gets, failed);
    out.println("written to " + dir.toAbsolutePath());
  }

  private OperatorUnderTest operator(Settings s, Benchmark.Cluster cluster, DatadogEmulator datadog, String ns)
      throws Exception {
    String allowlist = datadog.baseUrl().toString();
    if (s.kubeconfig() == null) {
      OperatorConfig config = OperatorConfig.forDatadog(datadog.baseUrl(), "soak-api-key", "soak-app-key")
          .withOperatorNamespace(OPERATOR_NAMESPACE).withResyncInterval(s.resync()).withNamespaces(Set.of(ns))
          .withCredentialsUrlAllowlist(List.of(allowlist));
      return new OperatorUnderTest.InProcess(cluster.client(), config, "this JVM: soak, API server, emulator, operator");
    }
    Path log = (s.out() != null ? s.out() : Path.of(System.getProperty("java.io.tmpdir"))).resolve("soak-" + ns + ".log");
    Files.createDirectories(log.getParent());
    return new OperatorUnderTest.ChildProcess(s.kubeconfig(), Map.of("DD_URL", datadog.baseUrl().toString(),
        "DD_API_KEY", "soak-api-key", "DD_APP_KEY", "soak-app-key", "WATCH_NAMESPACES", ns,
        "RESYNC_INTERVAL", s.resync().toMillis() + "ms", "POD_NAMESPACE", OPERATOR_NAMESPACE, "LOG_LEVEL", "INFO",
        "CREDENTIALS_URL_ALLOWLIST", allowlist), s.operatorJvm(), log);
  }

  private static DatadogCredentials credentials(String ns, DatadogEmulator datadog) {
    DatadogCredentials c = new DatadogCredentials();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("second").build());
    DatadogCredentialsSpec spec = new DatadogCredentialsSpec();
    spec.setUrl(datadog.baseUrl().toString());
    spec.setOrganization("second");
    spec.setApiKeySecretRef(new SecretKeySelector("soak-second-keys", "api"));
    spec.setAppKeySecretRef(new SecretKeySelector("soak-second-keys", "app"));
    c.setSpec(spec);
    return c;
  }

  private static io.fabric8.kubernetes.api.model.Secret secret(String ns, int i, int version) {
    return new SecretBuilder().withMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("soak-url-" + i)
        .build()).addToStringData("url", url(i, version)).build();
  }

  private static String url(int i, int version) {
    return "https://hooks.example.com/soak/" + i + "/v" + version;
  }

  /** Even webhooks in the default org, odd ones in the second (through DatadogCredentials). */
  private static DatadogWebhook webhook(String ns, int i) {
    DatadogWebhook w = new DatadogWebhook();
    w.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("soak-" + i).build());
    DatadogWebhookSpec spec = new DatadogWebhookSpec();
    spec.setUrlFrom(ValueSource.secret("soak-url-" + i, "url"));
    if (i % 2 == 1) {
      spec.setCredentialsRef(new CredentialsRef(CredentialsRef.NAMESPACED, "second"));
    }
    w.setSpec(spec);
    return w;
  }

  private static boolean allReady(KubernetesClient client, String ns) {
    List<DatadogWebhook> all = client.resources(DatadogWebhook.class).inNamespace(ns).list().getItems();
    return !all.isEmpty() && all.stream().allMatch(w -> {
      DatadogResourceStatus st = w.getStatus();
      return st != null && ReadyCondition.reason(st).filter("Synced"::equals).isPresent();
    });
  }

  private static boolean urlsCurrent(DatadogEmulator.Org first, DatadogEmulator.Org second, int[] versions, int n) {
    for (int i = 0; i < n; i++) {
      DatadogEmulator.Org org = i % 2 == 0 ? first : second;
      var w = org.webhook("soak-" + i);
      if (w.isEmpty() || !url(i, versions[i]).equals(w.get().path("url").asText())) {
        return false;
      }
    }
    return true;
  }

  private static int extra(List<String> names, Set<String> expected) {
    return (int) names.stream().filter(n -> !expected.contains(n)).count();
  }

  private static int missing(List<String> names, Set<String> expected) {
    return (int) expected.stream().filter(n -> !names.contains(n)).count();
  }

  private static boolean await(BooleanSupplier done, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (done.getAsBoolean()) {
        return true;
      }
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
    }
    return false;
  }
}
