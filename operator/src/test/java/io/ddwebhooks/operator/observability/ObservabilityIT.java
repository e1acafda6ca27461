package io.ddwebhooks.operator.observability;

import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.OperatorRuntime;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.Fault;
import io.ddwebhooks.kube.LocalKubernetes;
import io.ddwebhooks.operator.crd.CrdResources;
import io.ddwebhooks.operator.testing.OperatorHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** /healthz, /readyz and /metrics backed by the running operator's real state. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ObservabilityIT {

  private static DatadogEmulator datadog;
  private static LocalKubernetes kubernetes;
  private static OperatorRuntime runtime;
  private static HealthServer health;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    datadog = DatadogEmulator.start();
    kubernetes = LocalKubernetes.start(CrdResources.ALL);
    OperatorConfig config = OperatorConfig.forDatadog(datadog.baseUrl(), "k", "a")
        .withResyncInterval(Duration.ofMillis(500)).withRetry(OperatorHarness.FAST_RETRY);
    OperatorMetrics metrics = new OperatorMetrics();
    runtime = OperatorRuntime.create(kubernetes.client(), config, OperatorRuntime.httpClients(config, metrics),
        metrics);
    metrics.writeQueue(runtime::queuedWrites);
    metrics.leader(runtime::leading);
    health = new HealthServer(0, runtime::health, metrics);
    runtime.start();
  }

  @AfterAll
  static void stop() {
    health.close();
    runtime.stop();
    kubernetes.close();
    datadog.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void probesReflectTheOperator() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    await().untilAsserted(() -> {
      HttpResponse<String> ready = get("/readyz");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).startsWith("ready: running");
    });
  }

  @Test
  void metricsCoverReconcilesDatadogCallsQueueAndDrift() throws Exception {
    kubernetes.client().resource(webhook("metrics", "measured", "https://a.example.com")).create();
    datadog.failNext("GET", 1, Fault.serverError());
    await().untilAsserted(() -> assertThat(datadog.webhook("measured")).isPresent());
    datadog.deleteWebhookOutOfBand("measured");
    await().untilAsserted(() -> {
      String metrics = get("/metrics").body();
      assertThat(metrics)
          .contains("ddwebhooks_reconciliations_total{kind=\"DatadogWebhook\",reason=\"Synced\",result=\"success\"}")
          .contains("ddwebhooks_reconciliations_total{kind=\"DatadogWebhook\",reason=\"DatadogUnavailable\","
              + "result=\"failure\"}")
          .contains("ddwebhooks_datadog_requests_seconds_bucket{operation=\"CreateWebhooksIntegration\","
              + "org=\"127.0.0.1\",status=\"201\"")
          .contains("ddwebhooks_datadog_requests_seconds_count{operation=\"GetWebhooksIntegration\",org=\"127.0.0.1\","
              + "status=\"500\"}")
          .contains("ddwebhooks_datadog_write_queue ")
          .contains("ddwebhooks_leader 1")
          .contains("ddwebhooks_drift_corrections_total{kind=\"DatadogWebhook\"} 1")
          .contains("jvm_memory_used_bytes");
    });
    assertThat(kubernetes.client().resources(DatadogWebhook.class).inNamespace("metrics").withName("measured").get())
        .isNotNull();
  }

  @Test
  void theChartsAlertsAndDashboardUseOnlyMetricsTheOperatorExports() throws Exception {
    // every metric the chart's PromQL names, by name (a counter appears only after its first increment)
    java.nio.file.Path files = java.nio.file.Path.of("deploy/helm/datadog-webhooks-operator/files");
    String queries = java.nio.file.Files.readString(files.resolve("alerts.yaml"))
        + java.nio.file.Files.readString(files.resolve("dashboard.json"));
    java.util.Set<String> used = new java.util.TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b((?:ddwebhooks|jvm)_[a-z_]+)\\b")
        .matcher(queries);
    while (m.find()) {
      used.add(m.group(1));
    }
    assertThat(used).contains("ddwebhooks_resources", "ddwebhooks_drift_corrections_total",
        "ddwebhooks_datadog_requests_seconds_count", "ddwebhooks_leader", "ddwebhooks_datadog_write_queue");
    // reconciles that move every counter: a create, a failed read, a drift correction
    kubernetes.client().resource(webhook("metrics", "named", "https://b.example.com")).create();
    await().untilAsserted(() -> assertThat(datadog.webhook("named")).isPresent());
    datadog.deleteWebhookOutOfBand("named");
    await().untilAsserted(() -> assertThat(datadog.webhook("named")).isPresent());
    System.gc();
    await().untilAsserted(() -> {
      String exported = get("/metrics").body();
      for (String name : used) {
        assertThat(exported).as("the operator exports " + name).containsPattern("(?m)^" + name + "[{ ]");
      }
      assertThat(exported).contains("ddwebhooks_resources{kind=\"DatadogWebhook\",reason=\"Synced\"}");
    });
  }
}
