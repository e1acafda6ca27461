package io.ddwebhooks.operator;

import io.ddwebhooks.operator.config.LeaderElection;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.datadog.CallObserver;
import io.ddwebhooks.operator.datadog.HttpWebhooksIntegrationApi;
import io.ddwebhooks.operator.datadog.SerializedWrites;
import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import io.ddwebhooks.operator.reconciler.DatadogCustomVariableReconciler;
import io.ddwebhooks.operator.reconciler.DatadogWebhookReconciler;
import io.ddwebhooks.operator.observability.HealthServer;
import io.ddwebhooks.operator.reconciler.EventRecorder;
import io.ddwebhooks.operator.reconciler.FingerprintKeySecret;
import io.ddwebhooks.operator.reconciler.ReconcileObserver;
import io.ddwebhooks.operator.reconciler.ReconcileSettings;
import io.ddwebhooks.operator.reconciler.RelevantChange;
import io.ddwebhooks.operator.reconciler.SecretReader;
import io.ddwebhooks.operator.reconciler.StatusWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.ddwebhooks.operator.sync.Fingerprints;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Wires configuration, the Datadog client and both reconcilers into a JOSDK Operator. */
public final class OperatorRuntime {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OperatorRuntime.class);

  public static final String VERSION = "0.1.0";
  static final String WEBHOOK_CONTROLLER = DatadogWebhookReconciler.NAME;
  static final String VARIABLE_CONTROLLER = DatadogCustomVariableReconciler.NAME;

  private final Operator operator;
  private final SerializedWrites datadog;
  private final boolean electing;
  private final AtomicBoolean leading;

  private OperatorRuntime(Operator operator, SerializedWrites datadog, boolean electing, AtomicBoolean leading) {
    this.operator = operator;
    this.datadog = datadog;
    this.electing = electing;
    this.leading = leading;
  }

  /** The Datadog client the operator uses in production: HTTP, writes serialised per org. */
  public static WebhooksIntegrationApi datadogClient(OperatorConfig config) {
    return datadogClient(config, CallObserver.NONE);
  }

  public static WebhooksIntegrationApi datadogClient(OperatorConfig config, CallObserver observer) {
    return new HttpWebhooksIntegrationApi(config.datadogBaseUrl(), config.apiKey(), config.appKey(),
        config.requestTimeout(), "datadog-webhooks-operator/" + VERSION, observer);
  }

  /**
   * Builds (does not start) the operator. {@code useServerSideApply} stays true in production; only the in-process
   * API server of the sandbox and the tests, which has no server-side apply, needs false.
   */
  public static OperatorRuntime create(KubernetesClient client, OperatorConfig config, WebhooksIntegrationApi api,
      boolean useServerSideApply) {
    return create(client, config, api, useServerSideApply, ReconcileObserver.NONE);
  }

  public static OperatorRuntime create(KubernetesClient client, OperatorConfig config, WebhooksIntegrationApi api,
      boolean useServerSideApply, ReconcileObserver observer) {
    SerializedWrites datadog = new SerializedWrites(api);
    AtomicBoolean leading = new AtomicBoolean(config.leaderElection() == null);
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withUseSSAToPatchPrimaryResource(useServerSideApply)
          .withCloseClientOnStop(false);
      LeaderElection election = config.leaderElection();
      if (election != null) {
        o.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                election.leaseName())
            .withLeaseNamespace(election.namespace())
            .withIdentity(election.identity())
            .withLeaseDuration(election.leaseDuration())
            .withRenewDeadline(election.renewDeadline())
            .withRetryPeriod(election.retryPeriod())
            .withExitOnStopLeading(election.exitOnLoss())
            .withLeaderCallbacks(new LeaderCallbacks(() -> leading.set(true), () -> leading.set(false),
                newLeader -> { }))
            .build());
      }
    });
    Clock clock = Clock.systemUTC();
    Fingerprints fingerprints = fingerprints(client, config, clock);
    EventRecorder events = new EventRecorder(client, clock, instanceName());
    SecretReader secrets = new SecretReader(client);
    operator.register(new DatadogWebhookReconciler(datadog, settings(config, secrets, events,
        new StatusWriter(client, useServerSideApply, WEBHOOK_CONTROLLER), observer, fingerprints, clock)),
        overrides(config, WEBHOOK_CONTROLLER));
    operator.register(new DatadogCustomVariableReconciler(datadog, settings(config, secrets, events,
        new StatusWriter(client, useServerSideApply, VARIABLE_CONTROLLER), observer, fingerprints, clock)),
        overrides(config, VARIABLE_CONTROLLER));
    return new OperatorRuntime(operator, datadog, config.leaderElection() != null, leading);
  }

  private static ReconcileSettings settings(OperatorConfig config, SecretReader secrets, EventRecorder events,
      StatusWriter checkpoint, ReconcileObserver observer, Fingerprints fingerprints, Clock clock) {
    Random random = new Random();
    return new ReconcileSettings(secrets, events, checkpoint, observer, config.retry(), config.resyncInterval(),
        config.adoption(), fingerprints, clock, random::nextDouble);
  }

  /** The fingerprint key from its Secret in the operator's namespace; a process-local one when that is unknown. */
  private static Fingerprints fingerprints(KubernetesClient client, OperatorConfig config, Clock clock) {
    if (config.operatorNamespace() == null) {
      LOG.warn("the operator's namespace is unknown (set POD_NAMESPACE): status fingerprints use a key that lives"
          + " only in this process, so after a restart every secret custom variable is written to Datadog once");
      return Fingerprints.ephemeral();
    }
    return FingerprintKeySecret.loadOrCreate(client, config.operatorNamespace(), FingerprintKeySecret.DEFAULT_NAME,
        clock);
  }

  private static <R extends HasMetadata> Consumer<ControllerConfigurationOverrider<R>> overrides(
      OperatorConfig config, String name) {
    return o -> {
      if (!config.watchesAllNamespaces()) {
        o.settingNamespaces(config.namespaces());
      }
      o.withReconciliationMaxInterval(config.resyncInterval());
      // the operator's annotations (pause, adopt, intervals) do not change the generation: filter ourselves
      o.withGenerationAware(false);
      o.withOnUpdateFilter(RelevantChange::test);
      // the mid-reconcile status write (StatusWriter) uses the same field manager as JOSDK's status patch
      o.withFieldManager(name);
    };
  }

  private static String instanceName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }

  public void start() {
    operator.start();
  }

  public void stop() {
    operator.stop();
  }

  public Operator operator() {
    return operator;
  }

  /** Writes waiting for the per-org write lock. */
  public int queuedWrites() {
    return datadog.queuedWrites();
  }

  /** True when this replica writes to Datadog: it holds the Lease, or runs without leader election. */
  public boolean leading() {
    return leading.get();
  }

  /**
   * Liveness: the operator was started. Readiness: a standby is ready (to take over); a writing replica is ready
   * once its informers have synced and are healthy.
   */
  public HealthServer.Health health() {
    boolean started = operator.getRuntimeInfo().isStarted();
    if (!started) {
      return new HealthServer.Health(true, false, "starting");
    }
    if (electing && !leading.get()) {
      return new HealthServer.Health(true, true, "standby (another replica holds the Lease)");
    }
    boolean healthy = operator.getRuntimeInfo().allEventSourcesAreHealthy();
    return new HealthServer.Health(true, healthy, healthy ? (electing ? "leader" : "running")
        : "informers not healthy: " + operator.getRuntimeInfo().unhealthyEventSources().keySet());
  }
}
