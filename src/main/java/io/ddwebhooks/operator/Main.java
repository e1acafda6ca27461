package io.ddwebhooks.operator;

import io.ddwebhooks.operator.config.ConfigException;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.config.ServingConfig;
import io.ddwebhooks.operator.emulator.DatadogEmulator;
import io.ddwebhooks.operator.observability.HealthServer;
import io.ddwebhooks.operator.observability.LogFormat;
import io.ddwebhooks.operator.observability.OperatorMetrics;
import io.ddwebhooks.operator.sandbox.Benchmark;
import io.ddwebhooks.operator.sandbox.Sandbox;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point: wiring only. Runs the operator (default), the sandbox demo, or the Datadog emulator. */
@Command(name = "datadog-webhooks-operator", mixinStandardHelpOptions = true, version = OperatorRuntime.VERSION,
    description = "Manages Datadog webhooks and webhook custom variables from Kubernetes resources.",
    subcommands = {Main.Run.class, Main.SandboxCommand.class, Main.EmulatorCommand.class,
        Main.BenchmarkCommand.class, ExportCommand.class})
public final class Main implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  /** No sub-command: run the operator. */
  @Override
  public Integer call() throws Exception {
    return new Run().call();
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run the operator against the current kubeconfig context or in-cluster"
      + " config. Reads DD_API_KEY, DD_APP_KEY, DEFAULT_CREDENTIALS, CREDENTIALS_URL_ALLOWLIST, DD_SITE, DD_URL,"
      + " WATCH_NAMESPACES, RESYNC_INTERVAL, MIN_RESOURCE_INTERVAL, DATADOG_READS_PER_SECOND, LOG_LEVEL,"
      + " LOG_FORMAT, HEALTH_PORT, ALLOW_ADOPTION_NAMESPACES, VARIABLE_ACCESS, UNKNOWN_VARIABLES, LEADER_ELECTION,"
      + " LEADER_ELECTION_NAMESPACE, POD_NAME and POD_NAMESPACE (see README, Configuration).")
  static final class Run implements Callable<Integer> {

    @Option(names = "--namespaces", description = "Comma-separated namespaces to watch (default: all;"
        + " env WATCH_NAMESPACES).")
    String namespaces;

    @Option(names = "--resync-interval", description = "How often each object is re-read from Datadog and drift"
        + " corrected, e.g. 10m (env RESYNC_INTERVAL, default 10m).")
    String resync;

    @Option(names = "--log-level", description = "TRACE, DEBUG, INFO, WARN or ERROR (env LOG_LEVEL, default INFO).")
    String logLevel;

    @Override
    public Integer call() throws Exception {
      OperatorConfig config;
      ServingConfig serving;
      try {
        serving = ServingConfig.fromEnvironment(System.getenv());
        config = OperatorConfig.fromEnvironment(System.getenv());
        if (namespaces != null) {
          config = config.withNamespaces(OperatorConfig.parseNamespaces(namespaces));
        }
        if (resync != null) {
          config = config.withResyncInterval(OperatorConfig.parseDuration("--resync-interval", resync, null));
        }
        if (logLevel != null) {
          config = config.withLogLevel(logLevel);
        }
      } catch (ConfigException e) {
        System.err.println("error: " + e.getMessage());
        return 2;
      }
      LogFormat.apply(config.logLevel(), serving.logFormat());
      LOG.info("starting datadog-webhooks-operator {} with {}", OperatorRuntime.VERSION, config);
      KubernetesClient client = new KubernetesClientBuilder().build();
      OperatorMetrics metrics = new OperatorMetrics();
      OperatorRuntime runtime = OperatorRuntime.create(client, config,
          OperatorRuntime.datadogClient(config, metrics), true, metrics);
      metrics.writeQueue(runtime::queuedWrites);
      metrics.leader(runtime::leading);
      if (serving.healthPort() > 0) {
        HealthServer health = new HealthServer(serving.healthPort(), runtime::health, metrics);
        LOG.info("health and metrics on port {}: /healthz /readyz /metrics", health.port());
      }
      runtime.operator().installShutdownHook(Duration.ofSeconds(30));
      runtime.start();
      new CountDownLatch(1).await();
      return 0;
    }
  }

  @Command(name = "sandbox", mixinStandardHelpOptions = true,
      description = "Demo with no cluster and no Datadog account: an in-process Kubernetes"
      + " API, the Datadog emulator and the operator; applies the examples and shows them converge.")
  static final class SandboxCommand implements Callable<Integer> {

    @Option(names = "--examples", description = "Folder of example YAML files (default: deploy/examples if present,"
        + " else the copy inside the jar).")
    Path examples;

    @Option(names = "--keep-running", description = "Keep everything running after the resources converge.")
    boolean keepRunning;

    @Option(names = "--log-level", description = "Operator log level during the demo (default WARN).",
        defaultValue = "WARN")
    String logLevel;

    @Override
    public Integer call() throws Exception {
      LogFormat.apply(logLevel, "text");
      Path dir = examples;
      if (dir == null && Path.of("deploy/examples").toFile().isDirectory()) {
        dir = Path.of("deploy/examples");
      }
      return new Sandbox(System.out).run(dir, keepRunning);
    }
  }

  @Command(name = "benchmark", mixinStandardHelpOptions = true,
      description = "Measure creates, updates, Secret rotations, the steady state, a restart, deletes, startup and"
      + " memory for N webhooks (each URL from a Secret), N custom variables and N more Secrets, against the Datadog"
      + " emulator with Datadog-like latency; prints a Markdown table and writes it with PNG plots to --out.")
  static final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--resources", defaultValue = "200", split = ",",
        description = "N, or a list of N: 100,1000,5000 (default 200).")
    List<Integer> resources;

    @Option(names = "--read-latency", defaultValue = "200ms", description = "Emulated GET latency (default 200ms).")
    String readLatency;

    @Option(names = "--write-latency", defaultValue = "100ms",
        description = "Emulated write latency (default 100ms; Datadog's are 1-4 s).")
    String writeLatency;

    @Option(names = "--resync", defaultValue = "30s", description = "The operator's resync interval (default 30s).")
    String resync;

    @Option(names = "--steady-intervals", defaultValue = "3",
        description = "Resync intervals to watch the steady state for (default 3).")
    int steadyIntervals;

    @Option(names = "--reads-per-second", defaultValue = "100", description = "The operator's read cap per org"
        + " (DATADOG_READS_PER_SECOND; default here 100, so that a short resync is not held back by the cap).")
    double readsPerSecond;

    @Option(names = "--kubeconfig", description = "Run against this cluster (the CRDs applied), with the operator's"
        + " own command in a JVM of its own; default: the in-process API server and operator.")
    Path kubeconfig;

    @Option(names = "--operator-jvm", description = "JVM options of the operator process with --kubeconfig (default:"
        + " the Deployment's, with -XX:MaxRAM set to its memory limit).")
    String operatorJvm;

    @Option(names = "--combine", split = ",", description = "Instead of running: one table and set of plots from"
        + " the figures.json files of earlier runs (for example at different write latencies).")
    List<Path> combine;

    @Option(names = "--out", defaultValue = "target/benchmark",
        description = "Folder for benchmark.md and the plots (default target/benchmark).")
    Path out;

    @Override
    public Integer call() throws Exception {
      LogFormat.apply("WARN", "text");
      if (combine != null && !combine.isEmpty()) {
        return new Benchmark(System.out).combine(combine, out);
      }
      List<String> jvm = operatorJvm == null ? Benchmark.DEPLOYMENT_JVM
          : java.util.Arrays.asList(operatorJvm.trim().split("\\s+"));
      return new Benchmark(System.out).run(new Benchmark.Settings(resources,
          OperatorConfig.parseDuration("--read-latency", readLatency, null),
          OperatorConfig.parseDuration("--write-latency", writeLatency, null),
          OperatorConfig.parseDuration("--resync", resync, null), steadyIntervals, readsPerSecond, kubeconfig, jvm,
          out, true));
    }
  }

  @Command(name = "emulator", mixinStandardHelpOptions = true,
      description = "Run the Datadog Webhooks Integration API emulator on a port, for"
      + " pointing the operator (DD_URL) at it in your own CI.")
  static final class EmulatorCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8089", description = "Port on 127.0.0.1 (default 8089).")
    int port;

    @Option(names = "--api-key", description = "Accept only this DD-API-KEY (default: any non-empty key).")
    String apiKey;

    @Option(names = "--app-key", description = "Accept only this DD-APPLICATION-KEY (default: any non-empty key).")
    String appKey;

    @Option(names = "--org", description = "Another Datadog org, reached with exactly these keys, with its own"
        + " objects: NAME=APIKEY:APPKEY (repeatable). Other keys reach the default org.")
    java.util.List<String> orgs = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
      try (DatadogEmulator emulator = new DatadogEmulator(port, apiKey, appKey)) {
        for (String org : orgs) {
          int eq = org.indexOf('=');
          int colon = org.indexOf(':', eq + 1);
          if (eq < 1 || colon < 0) {
            System.err.println("error: --org takes NAME=APIKEY:APPKEY");
            return 2;
          }
          emulator.addOrg(org.substring(0, eq), org.substring(eq + 1, colon), org.substring(colon + 1));
          System.out.println("  org " + org.substring(0, eq));
        }
        System.out.println("Datadog emulator listening on " + emulator.baseUrl() + " (Ctrl-C stops it)");
        new CountDownLatch(1).await();
      }
      return 0;
    }
  }

}
