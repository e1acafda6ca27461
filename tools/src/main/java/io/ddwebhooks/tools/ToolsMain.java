package io.ddwebhooks.tools;

import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.observability.LogFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The tools' command line: the sandbox, the benchmark and the OLM bundle. Never part of the operator's image. */
@Command(name = "datadog-webhooks-tools", mixinStandardHelpOptions = true,
    description = "The sandbox (operator, in-process Kubernetes API and Datadog emulator in one process) and the"
    + " benchmark of datadog-webhooks-operator.",
    subcommands = {ToolsMain.SandboxCommand.class, ToolsMain.BenchmarkCommand.class,
        ToolsMain.BundleCommand.class})
public final class ToolsMain implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(new CommandLine(new ToolsMain()).execute(args));
  }

  /** No sub-command: the sandbox. */
  @Override
  public Integer call() throws Exception {
    return new SandboxCommand().call();
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

    @Option(names = "--soak", description = "Instead of the phases: the soak for this long (e.g. 30m): webhooks"
        + " across two orgs under chaos, a Secret rotated per sample, the operator killed once; then checks"
        + " duplicates, leftovers, writes at rest and memory; writes soak.md and plots to --out.")
    String soak;

    @Option(names = "--soak-resources", defaultValue = "1000", description = "Webhooks in the soak (default 1000).")
    int soakResources;

    @Option(names = "--soak-sample", defaultValue = "1m",
        description = "How often the soak rotates a Secret and samples memory and calls (default 1m).")
    String soakSample;

    @Option(names = "--soak-chaos", defaultValue = "0.05",
        description = "Share of Datadog calls that fail in the soak (default 0.05).")
    double soakChaos;

    @Override
    public Integer call() throws Exception {
      LogFormat.apply("WARN", "text");
      if (soak != null) {
        List<String> jvm = operatorJvm == null ? Benchmark.DEPLOYMENT_JVM
            : java.util.Arrays.asList(operatorJvm.trim().split("\\s+"));
        Soak.Figures f = new Soak(System.out).run(new Soak.Settings(soakResources,
            OperatorConfig.parseDuration("--soak", soak, null),
            OperatorConfig.parseDuration("--soak-sample", soakSample, null),
            OperatorConfig.parseDuration("--read-latency", readLatency, null),
            OperatorConfig.parseDuration("--write-latency", writeLatency, null),
            OperatorConfig.parseDuration("--resync", resync, null), soakChaos, kubeconfig, jvm, out));
        return f != null && f.holds() ? 0 : 1;
      }
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

  @Command(name = "bundle", mixinStandardHelpOptions = true,
      description = "Write the OLM bundle (bundle/: the ClusterServiceVersion, the CRDs, metadata, scorecard tests)"
      + " from deploy/crds, deploy/operator and deploy/examples. Run it in the repository after changing those.")
  static final class BundleCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "bundle", description = "Folder to write (default bundle).")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (!Path.of("deploy/crds").toFile().isDirectory()) {
        System.err.println("run this in the repository: deploy/crds not found");
        return 2;
      }
      for (String f : new OlmBundle(Path.of(".")).write(out)) {
        System.out.println("  " + out.resolve(f));
      }
      return 0;
    }
  }
}
