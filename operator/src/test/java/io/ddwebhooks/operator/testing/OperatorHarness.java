package io.ddwebhooks.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.OperatorRuntime;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.config.Backoff;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.kube.LocalKubernetes;
import io.ddwebhooks.operator.crd.CrdResources;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The real operator loop against the in-process Kubernetes API and the Datadog emulator, one per test class.
 * Retries are fast so that tests of retry behaviour wait milliseconds, not minutes.
 */
public final class OperatorHarness implements AutoCloseable {

  public static final Backoff FAST_RETRY =
      new Backoff(Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofMillis(500));
  public static final String API_KEY = "test-api-key-0123456789";
  public static final String APP_KEY = "test-app-key-9876543210";

  public final DatadogEmulator datadog;
  /** The test's own client (cluster admin). */
  public final KubernetesClient client;
  private final KubernetesClient operatorClient;
  private final AutoCloseable kubernetes;
  private OperatorRuntime runtime;
  private final OperatorConfig config;

  private OperatorHarness(DatadogEmulator datadog, KubernetesClient client, KubernetesClient operatorClient,
      AutoCloseable kubernetes, OperatorConfig config) {
    this.datadog = datadog;
    this.client = client;
    this.operatorClient = operatorClient;
    this.kubernetes = kubernetes;
    this.config = config;
  }

  public static OperatorHarness start() {
    return start(Duration.ofMinutes(10));
  }

  /** On the in-process API server. */
  public static OperatorHarness start(Duration resync) {
    return start(c -> c.withResyncInterval(resync));
  }

  /** As {@link #start()}, with the test's changes to the operator's configuration. */
  public static OperatorHarness start(UnaryOperator<OperatorConfig> tune) {
    return start(tune, CrdResources.ALL);
  }

  /** As {@link #start(UnaryOperator)}, with only {@code crds} installed. */
  public static OperatorHarness start(UnaryOperator<OperatorConfig> tune, List<String> crds) {
    DatadogEmulator datadog = emulator();
    LocalKubernetes kubernetes = LocalKubernetes.start(crds);
    OperatorHarness h = new OperatorHarness(datadog, kubernetes.client(), kubernetes.client(), kubernetes,
        tune.apply(config(datadog, Duration.ofMinutes(10))));
    h.startOperator();
    return h;
  }

  /**
   * As {@link #start()}, with the operator's own client sending {@code token} as its bearer token (the in-process API
   * server ignores it), to check that the token never reaches a log.
   */
  public static OperatorHarness startWithOperatorToken(String token) {
    DatadogEmulator datadog = emulator();
    LocalKubernetes kubernetes = LocalKubernetes.start(CrdResources.ALL);
    KubernetesClient operatorClient = io.ddwebhooks.operator.reconciler.kube.OperatorClient.create(
        new io.fabric8.kubernetes.client.ConfigBuilder(kubernetes.client().getConfiguration())
            .withOauthToken(token).build());
    OperatorHarness h = new OperatorHarness(datadog, kubernetes.client(), operatorClient, kubernetes,
        config(datadog, Duration.ofMinutes(10)));
    h.startOperator();
    return h;
  }

  /**
   * On a real API server, in the production configuration: server-side apply on, and the operator acting as the
   * ServiceAccount of deploy/operator, so RBAC must allow everything it does.
   */
  public static OperatorHarness startOn(RealKubernetes k8s) {
    return startOn(k8s, UnaryOperator.identity());
  }

  /** As {@link #startOn(RealKubernetes)}, with the test's changes to the operator's configuration. */
  public static OperatorHarness startOn(RealKubernetes k8s, UnaryOperator<OperatorConfig> tune) {
    DatadogEmulator datadog = emulator();
    OperatorHarness h = new OperatorHarness(datadog, k8s.admin(), k8s.asOperatorServiceAccount(), null,
        tune.apply(config(datadog, Duration.ofMinutes(10))));
    h.startOperator();
    return h;
  }

  private static DatadogEmulator emulator() {
    try {
      return new DatadogEmulator(0, API_KEY, APP_KEY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static OperatorConfig config(DatadogEmulator datadog, Duration resync) {
    return OperatorConfig.forDatadog(datadog.baseUrl(), API_KEY, APP_KEY).withResyncInterval(resync)
        .withRequestTimeout(Duration.ofSeconds(5)).withRetry(FAST_RETRY)
        .withOperatorNamespace(RealKubernetes.OPERATOR_NAMESPACE);
  }

  public void startOperator() {
    startOperator(UnaryOperator.identity(), config);
  }

  /** Starts an operator whose Datadog client is wrapped (to simulate a crash, say), with other settings. */
  public void startOperator(UnaryOperator<WebhooksIntegrationApi> wrap, OperatorConfig settings) {
    io.ddwebhooks.operator.datadog.DatadogClients http = OperatorRuntime.httpClients(settings,
        io.ddwebhooks.operator.datadog.CallObserver.NONE);
    runtime = OperatorRuntime.create(operatorClient, settings, org -> wrap.apply(http.client(org)),
        io.ddwebhooks.operator.reconciler.ReconcileObserver.NONE);
    runtime.start();
  }

  public void stopOperator() {
    runtime.stop();
  }

  /** The running operator's liveness and readiness, as its health endpoints report them. */
  public io.ddwebhooks.operator.observability.HealthServer.Health health() {
    return runtime.health();
  }

  public OperatorConfig config() {
    return config;
  }

  @Override
  public void close() {
    runtime.stop();
    if (operatorClient != client) {
      operatorClient.close();
    }
    if (kubernetes != null) {
      try {
        kubernetes.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    datadog.close();
  }

  // ---------------------------------------------------------------- Kubernetes helpers

  public <R extends CustomResource<?, DatadogResourceStatus>> R create(R resource) {
    return client.resource(resource).create();
  }

  public <R extends CustomResource<?, DatadogResourceStatus>> R get(Class<R> type, String ns, String name) {
    return client.resources(type).inNamespace(ns).withName(name).get();
  }

  /** Edits as a user would; retries when the operator's status write got in between (409), as kubectl does. */
  public <R extends CustomResource<?, DatadogResourceStatus>> R edit(Class<R> type, String ns, String name,
      java.util.function.UnaryOperator<R> change) {
    return edit(client, type, ns, name, change);
  }

  public static <R extends CustomResource<?, DatadogResourceStatus>> R edit(KubernetesClient client, Class<R> type,
      String ns, String name, java.util.function.UnaryOperator<R> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.resources(type).inNamespace(ns).withName(name).edit(change);
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e;
        }
      }
    }
  }

  public <R extends CustomResource<?, DatadogResourceStatus>> void delete(Class<R> type, String ns, String name) {
    client.resources(type).inNamespace(ns).withName(name).delete();
  }

  public <R extends CustomResource<?, DatadogResourceStatus>> void awaitGone(Class<R> type, String ns, String name) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(type, ns, name)).isNull());
  }

  /** Waits until Ready carries {@code reason} for the resource's current generation; returns that condition. */
  public <R extends CustomResource<?, DatadogResourceStatus>> Condition awaitReason(Class<R> type, String ns,
      String name, Reason reason) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      R r = get(type, ns, name);
      assertThat(r).isNotNull();
      assertThat(r.getStatus()).as("status").isNotNull();
      Condition ready = ReadyCondition.of(r.getStatus()).orElse(null);
      assertThat(ready).as("Ready condition").isNotNull();
      assertThat(ready.getReason()).as("Ready reason (message: %s)", ready.getMessage()).isEqualTo(reason.name());
      assertThat(r.getStatus().getObservedGeneration()).isEqualTo(r.getMetadata().getGeneration());
    });
    return ReadyCondition.of(get(type, ns, name).getStatus()).orElseThrow();
  }

  public <R extends CustomResource<?, DatadogResourceStatus>> Condition awaitSynced(Class<R> type, String ns,
      String name) {
    return awaitReason(type, ns, name, Reason.Synced);
  }

  public Secret secret(String ns, String name, Map<String, String> data) {
    Map<String, String> encoded = new LinkedHashMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    Secret secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withData(encoded).build();
    return client.resource(secret).createOr(existing -> existing.update());
  }

  public void deleteSecret(String ns, String name) {
    client.secrets().inNamespace(ns).withName(name).delete();
  }

  public List<Event> events(String ns, String name) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
  }

  public List<Event> allEvents() {
    return client.v1().events().inAnyNamespace().list().getItems();
  }

  // ---------------------------------------------------------------- Datadog helpers

  /** Calls about the object named {@code name}: by path, or a create whose body names it. */
  public List<RecordedCall> callsFor(String name) {
    return datadog.calls().stream().filter(c -> c.path().endsWith("/" + name)
        || (c.method().equals("POST") && c.requestBody().contains("\"name\":\"" + name + "\""))).toList();
  }

  public List<RecordedCall> writesFor(String name) {
    return callsFor(name).stream().filter(RecordedCall::isWrite).toList();
  }
}
