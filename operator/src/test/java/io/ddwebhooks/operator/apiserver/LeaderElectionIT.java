package io.ddwebhooks.operator.apiserver;

import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.OperatorRuntime;
import io.ddwebhooks.operator.config.LeaderElection;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.testing.ForwardingApi;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.ddwebhooks.operator.testing.RealKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two operator replicas against one API server and one Datadog org: only the Lease holder writes; when it stops, the
 * other takes over and everything stays converged, with no duplicate writes.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LeaderElectionIT {

  private static final String NS = "ha";
  private static RealKubernetes k8s;
  private static DatadogEmulator datadog;

  @BeforeAll
  static void start() throws Exception {
    k8s = RealKubernetes.start();
    k8s.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    datadog = new DatadogEmulator(0, OperatorHarness.API_KEY, OperatorHarness.APP_KEY);
  }

  @AfterAll
  static void stop() {
    datadog.close();
    k8s.close();
  }

  /** One replica: its own client (as the ServiceAccount) and a count of the Datadog writes it made. */
  private static final class Replica {
    final AtomicInteger writes = new AtomicInteger();
    final KubernetesClient client = k8s.asOperatorServiceAccount();
    final OperatorRuntime runtime;

    Replica(String identity) {
      OperatorConfig config = OperatorConfig.forDatadog(datadog.baseUrl(), OperatorHarness.API_KEY,
          OperatorHarness.APP_KEY).withRetry(OperatorHarness.FAST_RETRY).withLeaderElection(new LeaderElection(
              LeaderElection.LEASE_NAME, RealKubernetes.OPERATOR_NAMESPACE, identity, Duration.ofSeconds(4),
              Duration.ofSeconds(3), Duration.ofMillis(500), false))
          .withOperatorNamespace(RealKubernetes.OPERATOR_NAMESPACE);
      io.ddwebhooks.operator.datadog.DatadogClients http = OperatorRuntime.httpClients(config,
          io.ddwebhooks.operator.datadog.CallObserver.NONE);
      runtime = OperatorRuntime.create(client, config, org -> counting(http.client(org)),
          io.ddwebhooks.operator.reconciler.ReconcileObserver.NONE);
      runtime.start();
    }

    WebhooksIntegrationApi counting(WebhooksIntegrationApi api) {
      return new ForwardingApi(api) {
        @Override
        protected <T> T write(String operation, String name, Supplier<T> call) {
          writes.incrementAndGet();
          return call.get();
        }
      };
    }

    void stop() {
      runtime.stop();
      client.close();
    }
  }

  private static void awaitSynced(String name) {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      DatadogWebhook w = k8s.admin().resources(DatadogWebhook.class).inNamespace(NS).withName(name).get();
      assertThat(w.getStatus()).isNotNull();
      assertThat(ReadyCondition.reason(w.getStatus())).contains("Synced");
      assertThat(w.getStatus().getObservedGeneration()).isEqualTo(w.getMetadata().getGeneration());
    });
  }

  private static String holder() {
    Lease lease = k8s.admin().leases().inNamespace(RealKubernetes.OPERATOR_NAMESPACE)
        .withName(LeaderElection.LEASE_NAME).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  @Test
  void onlyTheLeaderWritesAndTheStandbyTakesOver() {
    Replica a = new Replica("replica-a");
    await().atMost(Duration.ofSeconds(30)).until(() -> "replica-a".equals(holder()));
    Replica b = new Replica("replica-b");
    try {
      k8s.admin().resource(webhook(NS, "ha-one", "https://one.example.com")).create();
      k8s.admin().resource(webhook(NS, "ha-two", "https://two.example.com")).create();
      awaitSynced("ha-one");
      awaitSynced("ha-two");
      assertThat(a.writes.get()).isEqualTo(2);
      assertThat(b.writes.get()).as("the standby writes nothing").isZero();
      assertThat(a.runtime.leading()).isTrue();
      assertThat(a.runtime.health().detail()).isEqualTo("leader");
      assertThat(b.runtime.leading()).isFalse();
      assertThat(b.runtime.health().ready()).as("a standby is ready to take over").isTrue();
      assertThat(b.runtime.health().detail()).startsWith("standby");

      a.stop();
      await().atMost(Duration.ofSeconds(60)).until(() -> "replica-b".equals(holder()));
      await().until(b.runtime::leading);
      OperatorHarness.edit(k8s.admin(), DatadogWebhook.class, NS, "ha-one", w -> {
        w.getSpec().setUrl("https://one-v2.example.com");
        return w;
      });
      k8s.admin().resource(webhook(NS, "ha-three", "https://three.example.com")).create();
      awaitSynced("ha-one");
      awaitSynced("ha-three");
      awaitSynced("ha-two");
      assertThat(datadog.webhook("ha-one").orElseThrow().get("url").asText()).isEqualTo("https://one-v2.example.com");
      assertThat(a.writes.get()).as("the stopped leader wrote nothing more").isEqualTo(2);
      assertThat(b.writes.get()).isEqualTo(2);
      assertThat(datadog.writes()).extracting(RecordedCall::method).containsExactly("POST", "POST", "PUT", "POST")
          .hasSize(4);
      assertThat(datadog.writes().stream().filter(c -> c.method().equals("POST")).map(RecordedCall::requestBody)
          .map(body -> body.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1")).distinct().count())
          .as("each webhook created once").isEqualTo(3);
    } finally {
      b.stop();
    }
  }
}
