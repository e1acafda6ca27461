package io.ddwebhooks.tools;

import io.ddwebhooks.operator.OperatorRuntime;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.observability.StartupTime;
import io.ddwebhooks.operator.reconciler.ReconcileObserver;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The operator the benchmark drives: in this process, or the real command in a JVM of its own. */
interface OperatorUnderTest extends AutoCloseable {

  /** Heap after a full GC, the heap's limit, resident memory and threads, of {@code what}. */
  record Memory(long heapAfterGc, long maxHeap, long rss, int threads, String what) {}

  /**
   * Starts it and waits until it is ready (its informers synced); with {@code awaitFirstReconcile}, until its first
   * reconcile. Returns the time from start to its first reconcile (or to ready).
   */
  Duration start(boolean awaitFirstReconcile) throws Exception;

  void stop() throws Exception;

  /** Stops it with no grace (SIGKILL for a process); in this JVM, the same as {@link #stop()}. */
  default void kill() throws Exception {
    stop();
  }

  Memory memory() throws Exception;

  @Override
  default void close() throws Exception {
    stop();
  }

  /** Resident memory and threads of a process, from /proc (Linux); -1 where unknown. */
  static long[] procStatus(String pid) {
    long rss = -1;
    long threads = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        } else if (line.startsWith("Threads:")) {
          threads = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: reported as unknown
    }
    return new long[] {rss, threads};
  }

  /** The operator in this JVM. */
  final class InProcess implements OperatorUnderTest {
    private final KubernetesClient client;
    private final OperatorConfig config;
    private final String what;
    private OperatorRuntime runtime;

    InProcess(KubernetesClient client, OperatorConfig config, String what) {
      this.client = client;
      this.config = config;
      this.what = what;
    }

    @Override
    public Duration start(boolean awaitFirstReconcile) throws Exception {
      long t0 = System.nanoTime();
      CountDownLatch first = new CountDownLatch(1);
      ReconcileObserver observer = new ReconcileObserver() {
        @Override
        public void reconciled(String kind, String reason) {
          first.countDown();
        }

        @Override
        public void driftCorrected(String kind) {}
      };
      runtime = OperatorRuntime.create(client, config,
          OperatorRuntime.httpClients(config, io.ddwebhooks.operator.datadog.CallObserver.NONE), observer);
      runtime.start();
      if (awaitFirstReconcile && !first.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("no reconcile within 2 minutes of the start");
      }
      return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Override
    public void stop() {
      if (runtime != null) {
        runtime.stop();
        runtime = null;
      }
    }

    @Override
    public Memory memory() {
      System.gc();
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long[] proc = procStatus("self");
      return new Memory(heap, Runtime.getRuntime().maxMemory(), proc[0],
          ManagementFactory.getThreadMXBean().getThreadCount(), what);
    }
  }

  /**
   * The operator's own command ({@code run}) in a child JVM with the given options (the Deployment's), against a
   * cluster from a kubeconfig: memory, startup and restarts are the real process's.
   */
  final class ChildProcess implements OperatorUnderTest {
    private final Path kubeconfig;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path log;
    private final int healthPort;
    private final OperatorLaunch launch;
    private Process process;

    ChildProcess(Path kubeconfig, Map<String, String> environment, List<String> jvmOptions, Path log)
        throws IOException {
      this.kubeconfig = kubeconfig;
      this.environment = environment;
      this.jvmOptions = jvmOptions;
      this.log = log;
      this.launch = OperatorLaunch.of(jvmOptions);
      try (ServerSocket s = new ServerSocket(0)) {
        this.healthPort = s.getLocalPort();
      }
    }

    @Override
    public Duration start(boolean awaitFirstReconcile) throws Exception {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(launch.arguments());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment);
      builder.environment().put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
      builder.environment().put("HEALTH_PORT", Integer.toString(healthPort));
      builder.environment().put("LOG_FORMAT", "text");
      long t0 = System.nanoTime();
      process = builder.start();
      CountDownLatch first = new CountDownLatch(1);
      Process p = process;
      Thread pump = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true)) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            out.println(line);
            if (line.contains(StartupTime.MARKER)) {
              first.countDown();
            }
          }
        } catch (IOException e) {
          // the process ended
        }
      }, "operator-log");
      pump.setDaemon(true);
      pump.start();
      if (awaitFirstReconcile && !first.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the operator did not reconcile within 2 minutes; see " + log);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      awaitReady();
      return took;
    }

    /** Until /readyz answers 200: a measured phase must not include the operator's own start. */
    private void awaitReady() throws InterruptedException {
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (System.nanoTime() < deadline) {
        try {
          if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/readyz")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("the operator was not ready within 2 minutes; see " + log);
    }

    @Override
    public void kill() throws InterruptedException {
      if (process != null) {
        process.destroyForcibly().waitFor();
        process = null;
      }
    }

    @Override
    public void stop() throws InterruptedException {
      if (process != null) {
        process.destroy();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
        process = null;
      }
    }

    @Override
    public Memory memory() throws Exception {
      String pid = Long.toString(process.pid());
      new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), pid, "GC.run")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + healthPort + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      long[] proc = procStatus(pid);
      return new Memory(sum(metrics, "jvm_memory_used_bytes{area=\"heap\""),
          sum(metrics, "jvm_memory_max_bytes{area=\"heap\""), proc[0], (int) proc[1],
          "operator process (" + String.join(" ", jvmOptions) + "; " + launch.description() + ")");
    }

    /** The sum of a metric's samples whose line starts with {@code prefix} (each heap pool, say). */
    private static long sum(String metrics, String prefix) {
      double total = 0;
      for (String line : metrics.split("\n")) {
        if (line.startsWith(prefix)) {
          double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          total += v > 0 ? v : 0;
        }
      }
      return (long) total;
    }
  }
}
