package io.ddwebhooks.operator;

import io.ddwebhooks.operator.config.ConfigException;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.config.ServingConfig;
import io.ddwebhooks.operator.observability.HealthServer;
import io.ddwebhooks.operator.observability.LogFormat;
import io.ddwebhooks.operator.observability.OperatorMetrics;
import io.ddwebhooks.operator.reconciler.kube.OperatorClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point: wiring only. Runs the operator (default) or exports existing webhooks as resources. */
@Command(name = "datadog-webhooks-operator", mixinStandardHelpOptions = true, version = OperatorRuntime.VERSION,
    description = "Manages Datadog webhooks and webhook custom variables from Kubernetes resources.",
    subcommands = {Main.Run.class, ExportCommand.class})
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
      + " LEADER_ELECTION_NAMESPACE, POD_NAME and POD_NAMESPACE (see docs/configuration.md).")
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
      KubernetesClient client = OperatorClient.create();
      OperatorMetrics metrics = new OperatorMetrics();
      OperatorRuntime runtime = OperatorRuntime.create(client, config,
          OperatorRuntime.httpClients(config, metrics), metrics);
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
}
