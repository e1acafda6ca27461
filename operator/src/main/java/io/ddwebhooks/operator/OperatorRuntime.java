package io.ddwebhooks.operator;

import io.ddwebhooks.operator.config.LeaderElection;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.config.UrlAllowlist;
import io.ddwebhooks.operator.datadog.CallObserver;
import io.ddwebhooks.operator.datadog.DatadogClients;
import io.ddwebhooks.operator.datadog.DatadogOrgs;
import io.ddwebhooks.operator.observability.HealthServer;
import io.ddwebhooks.operator.reconciler.DatadogCustomVariableReconciler;
import io.ddwebhooks.operator.reconciler.DatadogWebhookAuthMethodReconciler;
import io.ddwebhooks.operator.reconciler.DatadogWebhookReconciler;
import io.ddwebhooks.operator.reconciler.OperatorWatches;
import io.ddwebhooks.operator.reconciler.ReconcileObserver;
import io.ddwebhooks.operator.reconciler.ReconcileSettings;
import io.ddwebhooks.operator.reconciler.VariableReferences;
import io.ddwebhooks.operator.reconciler.VariableWatch;
import io.ddwebhooks.operator.reconciler.credentials.ApiCredentialsLookup;
import io.ddwebhooks.operator.reconciler.credentials.ClusterDatadogCredentialsReconciler;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsKinds;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsResolver;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsUsers;
import io.ddwebhooks.operator.reconciler.credentials.DatadogCredentialsReconciler;
import io.ddwebhooks.operator.reconciler.credentials.OrgHealth;
import io.ddwebhooks.operator.reconciler.kube.EventRecorder;
import io.ddwebhooks.operator.reconciler.kube.FingerprintKeySecret;
import io.ddwebhooks.operator.reconciler.kube.RelevantChange;
import io.ddwebhooks.operator.reconciler.kube.SecretEvents;
import io.ddwebhooks.operator.reconciler.kube.SecretReader;
import io.ddwebhooks.operator.reconciler.kube.StatusWriter;
import io.ddwebhooks.operator.sync.Fingerprints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
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
  private final DatadogOrgs datadog;
  private final boolean electing;
  private final AtomicBoolean leading;

  private OperatorRuntime(Operator operator, DatadogOrgs datadog, boolean electing, AtomicBoolean leading) {
    this.operator = operator;
    this.datadog = datadog;
    this.electing = electing;
    this.leading = leading;
  }

  /** The Datadog clients the operator uses in production: HTTP, each call reported to {@code observer}. */
  public static DatadogClients httpClients(OperatorConfig config, CallObserver observer) {
    return DatadogClients.http(config.requestTimeout(), USER_AGENT, observer);
  }

  private static final String USER_AGENT = "datadog-webhooks-operator/" + VERSION;

  /** The default org from the environment, if its keys are there. */
  static io.ddwebhooks.operator.reconciler.credentials.EnvironmentOrg environmentOrg(OperatorConfig config) {
    return config.hasEnvironmentKeys()
        ? new io.ddwebhooks.operator.reconciler.credentials.EnvironmentOrg(config.datadogBaseUrl(), config.apiKey(), config.appKey()) : null;
  }

  /** Builds (does not start) the operator, with production HTTP clients and no observer. */
  public static OperatorRuntime create(KubernetesClient client, OperatorConfig config) {
    return create(client, config, httpClients(config, CallObserver.NONE), ReconcileObserver.NONE);
  }

  /**
   * Builds (does not start) the operator. {@code clients} makes the client of each org (the default org from the
   * environment's keys and every credentials object's); {@code observer} hears of reconciles.
   */
  public static OperatorRuntime create(KubernetesClient client, OperatorConfig config, DatadogClients clients,
      ReconcileObserver observer) {
    io.ddwebhooks.operator.reconciler.credentials.EnvironmentOrg environmentOrg = environmentOrg(config);
    DatadogOrgs datadog = new DatadogOrgs(clients::client, config.readsPerSecond());
    AtomicBoolean leading = new AtomicBoolean(config.leaderElection() == null);
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          // the status checkpoint before a create or rename makes a version JOSDK did not write; compared as
          // numbers, its late informer event never replaces JOSDK's own newer update in its cache (a stale read)
          .withParseResourceVersions(true)
          .withCloseClientOnStop(false)
          // a graceful stop (SIGTERM: an upgrade, a drain) lets in-flight reconciles finish for up to 20 s, within
          // Kubernetes' default 30 s grace period; one cut short after that reports nothing (Outcome.Stopped)
          .withReconciliationTerminationTimeout(Duration.ofSeconds(20));
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
    CredentialsResolver resolver = credentials(client, config, environmentOrg, fingerprints);
    CredentialsKinds kinds = resolver.kinds();
    // one Secret watch for every controller: in all namespaces when cluster credentials may keep keys anywhere
    SecretEvents secretEvents = new SecretEvents(client, kinds.cluster() || config.watchesAllNamespaces()
        ? Constants.WATCH_ALL_NAMESPACE_SET : config.namespaces());
    Shared shared = new Shared(new SecretReader(client), new EventRecorder(client, clock, instanceName()),
        new OperatorWatches(secretEvents, new CredentialsUsers(), new VariableWatch()),
        new io.ddwebhooks.operator.observability.StartupTime(observer), fingerprints, datadog, resolver,
        new OrgHealth(), new VariableReferences(), clock);
    DatadogWebhookReconciler webhooks = new DatadogWebhookReconciler(settings(config, shared,
        new StatusWriter(client, WEBHOOK_CONTROLLER)));
    DatadogCustomVariableReconciler variables = new DatadogCustomVariableReconciler(settings(config, shared,
        new StatusWriter(client, VARIABLE_CONTROLLER)));
    operator.register(webhooks, overrides(config, WEBHOOK_CONTROLLER));
    operator.register(variables, overrides(config, VARIABLE_CONTROLLER));
    boolean authMethods = CredentialsKinds.served(client).contains(DatadogWebhookAuthMethodReconciler.PLURAL);
    if (authMethods) {
      operator.register(new DatadogWebhookAuthMethodReconciler(settings(config, shared,
          new StatusWriter(client, DatadogWebhookAuthMethodReconciler.NAME))),
          overrides(config, DatadogWebhookAuthMethodReconciler.NAME));
    } else {
      LOG.warn("the DatadogWebhookAuthMethod CRD is not installed: webhooks, custom variables and credentials work"
          + " as before. To manage auth methods, apply it (kubectl apply -f deploy/crds; helm upgrade does not add"
          + " new CRDs) and restart the operator");
    }
    // after the controllers of their users, whose caches they count users from
    if (kinds.namespaced()) {
      operator.register(new DatadogCredentialsReconciler(client, shared.health(), shared.events(), clock,
          config.resyncInterval(), secretEvents, shared.watches().users(), shared.credentials()),
          overrides(config, DatadogCredentialsReconciler.NAME));
    }
    if (kinds.cluster()) {
      operator.register(new ClusterDatadogCredentialsReconciler(client, shared.health(), shared.events(),
          clock, config.resyncInterval(), secretEvents, shared.watches().users(), config.defaultCredentials()),
          o -> {
            o.withReconciliationMaxInterval(config.resyncInterval());
            o.withItemStore(new io.ddwebhooks.operator.reconciler.kube.PrunedItemStore<>());
            o.withFieldManager(ClusterDatadogCredentialsReconciler.NAME);
          });
    }
    return new OperatorRuntime(operator, datadog, config.leaderElection() != null, leading);
  }

  /** What both reconcilers share. */
  private record Shared(SecretReader secrets, EventRecorder events, OperatorWatches watches,
      ReconcileObserver observer, Fingerprints fingerprints, DatadogOrgs orgs, CredentialsResolver credentials,
      OrgHealth health, VariableReferences references, Clock clock) {}

  private static ReconcileSettings settings(OperatorConfig config, Shared s, StatusWriter checkpoint) {
    Random random = new Random();
    return new ReconcileSettings(s.secrets(), s.events(), checkpoint, s.watches(), s.observer(), config.retry(),
        config.resyncInterval(), config.minResourceInterval(), config.adoption(), config.templateRules(),
        s.fingerprints(), s.orgs(), s.credentials(), s.health(), s.references(), s.clock(), random::nextDouble);
  }

  /** How resources find their org; says at start which default org there is. */
  static CredentialsResolver credentials(KubernetesClient client, OperatorConfig config,
      io.ddwebhooks.operator.reconciler.credentials.EnvironmentOrg environmentOrg, Fingerprints fingerprints) {
    CredentialsKinds kinds = CredentialsKinds.probe(client, config.namespaces());
    if (!kinds.any()) {
      LOG.warn("the DatadogCredentials and ClusterDatadogCredentials CRDs are not installed: running with the"
          + " default org only. To use several orgs, apply them (kubectl apply -f deploy/crds; helm upgrade does"
          + " not add new CRDs) and restart the operator");
    }
    if (environmentOrg == null && config.defaultCredentials() == null) {
      LOG.warn("there is no default Datadog org (neither DD_API_KEY/DD_APP_KEY nor DEFAULT_CREDENTIALS): resources"
          + " without spec.credentialsRef report CredentialsNotFound");
    }
    return new CredentialsResolver(new ApiCredentialsLookup(client, kinds), kinds, environmentOrg,
        config.defaultCredentials(), UrlAllowlist.parse(config.credentialsUrlAllowlist()), fingerprints);
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
      // the cache keeps each resource without managed fields and kubectl's last-applied copy (never read)
      o.withItemStore(new io.ddwebhooks.operator.reconciler.kube.PrunedItemStore<>());
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

  /** Writes waiting for their org's write lock, all orgs together. */
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
