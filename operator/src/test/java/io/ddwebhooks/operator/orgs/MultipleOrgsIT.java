package io.ddwebhooks.operator.orgs;

import static io.ddwebhooks.operator.testing.CredentialsFixtures.cluster;
import static io.ddwebhooks.operator.testing.CredentialsFixtures.namespaced;
import static io.ddwebhooks.operator.testing.CredentialsFixtures.using;
import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One operator, several Datadog orgs: the default org (the environment's keys) and orgs named by credentials objects,
 * each a separate org of the emulator with its own key pair.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MultipleOrgsIT {

  private static final String OPS = "ops";
  private static OperatorHarness h;
  private static DatadogEmulator.Org staging;
  private static DatadogEmulator.Org tenant;

  @BeforeAll
  static void start() {
    h = OperatorHarness.start(c -> c.withResyncInterval(Duration.ofSeconds(3))
        .withCredentialsUrlAllowlist(List.of("http://127.0.0.1:")));
    staging = h.datadog.addOrg("staging", "staging-api-key", "staging-app-key");
    tenant = h.datadog.addOrg("tenant", "tenant-api-key", "tenant-app-key");
    for (String ns : List.of("team-a", "team-b", "tenant", "outside", OPS)) {
      h.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
          .addToLabels("ddwebhooks.io/org", ns.startsWith("team") ? "staging" : "none").endMetadata().build())
          .create();
    }
    h.secret(OPS, "staging-keys", Map.of("api", "staging-api-key", "app", "staging-app-key"));
    // the emulator serves every org at one URL: the organization ids tell the operator they are different orgs
    h.client.resource(cluster("staging", h.datadog.baseUrl().toString(), "staging", OPS, "staging-keys",
        Map.of("ddwebhooks.io/org", "staging"))).create();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static String reason(Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> type,
      String ns, String name) {
    var r = h.client.resources(type).inNamespace(ns).withName(name).get();
    return r == null ? null : ReadyCondition.reason((io.ddwebhooks.operator.crd.DatadogResourceStatus) r.getStatus())
        .orElse(null);
  }

  @Test
  void theSameNameInTwoOrgsIsNoConflict() {
    h.create(using(webhook("team-a", "alerts", "https://staging.example.com"), CredentialsRef.CLUSTER, "staging"));
    h.create(webhook("team-b", "alerts", "https://prod.example.com"));
    h.awaitSynced(DatadogWebhook.class, "team-a", "alerts");
    h.awaitSynced(DatadogWebhook.class, "team-b", "alerts");
    assertThat(staging.webhook("alerts").orElseThrow().get("url").asText()).isEqualTo("https://staging.example.com");
    assertThat(h.datadog.webhook("alerts").orElseThrow().get("url").asText()).isEqualTo("https://prod.example.com");
    var status = h.get(DatadogWebhook.class, "team-a", "alerts").getStatus();
    assertThat(status.getCredentials().getRef()).isEqualTo("ClusterDatadogCredentials/staging");
    assertThat(status.getCredentials().getOrg()).isEqualTo(h.datadog.baseUrl().toString());
    assertThat(status.getCredentials().getIdentity()).as("keyed digests, never a key").isNotBlank()
        .doesNotContain("staging-api-key");
    assertThat(status.getCredentials().getUid()).isNotBlank();
    assertThat(h.get(DatadogWebhook.class, "team-b", "alerts").getStatus().getCredentials().getRef())
        .isEqualTo("default");

    // deletion goes to the org the object lives in
    h.delete(DatadogWebhook.class, "team-a", "alerts");
    h.awaitGone(DatadogWebhook.class, "team-a", "alerts");
    assertThat(staging.webhookNames()).doesNotContain("alerts");
    assertThat(h.datadog.webhookNames()).contains("alerts");
  }

  @Test
  void templateVariablesAreCheckedPerOrg() {
    // a secret variable of team-a's staging org: team-b's webhook in the default org cannot reach it
    h.create(using(variable("team-a", "staging-token", "staging-secret-value", true), CredentialsRef.CLUSTER,
        "staging"));
    h.awaitSynced(DatadogCustomVariable.class, "team-a", "staging-token");
    DatadogWebhook prod = webhook("team-b", "uses-staging-token", "https://prod.example.com");
    prod.getSpec().setPayload("{\"t\": \"$STAGING_TOKEN\"}");
    h.create(prod);
    h.awaitSynced(DatadogWebhook.class, "team-b", "uses-staging-token");
    await().untilAsserted(() -> assertThat(h.get(DatadogWebhook.class, "team-b", "uses-staging-token").getStatus()
        .getConditions()).anySatisfy(c -> {
          assertThat(c.getType()).isEqualTo("VariablesResolved");
          assertThat(c.getStatus()).as("declared in another org only").isEqualTo("False");
          assertThat(c.getMessage()).contains("$STAGING_TOKEN");
        }));
    // in the staging org, team-b may not use team-a's secret variable
    DatadogWebhook inStaging = using(webhook("team-b", "staging-hook", "https://staging.example.com"),
        CredentialsRef.CLUSTER, "staging");
    inStaging.getSpec().setPayload("{\"t\": \"$STAGING_TOKEN\"}");
    h.create(inStaging);
    h.awaitReason(DatadogWebhook.class, "team-b", "staging-hook", Reason.VariableNotAllowed);
    assertThat(staging.webhookNames()).doesNotContain("staging-hook");
  }

  @Test
  void aNamespaceOutsideTheSelectorMayNotUseTheCredentials() {
    h.create(using(webhook("outside", "not-mine", "https://x.example.com"), CredentialsRef.CLUSTER, "staging"));
    var c = h.awaitReason(DatadogWebhook.class, "outside", "not-mine", Reason.CredentialsNotAllowed);
    assertThat(c.getMessage()).contains("namespaceSelector");
    h.create(using(webhook("outside", "nowhere", "https://x.example.com"), CredentialsRef.NAMESPACED, "nope"));
    h.awaitReason(DatadogWebhook.class, "outside", "nowhere", Reason.CredentialsNotFound);
    assertThat(h.callsFor("not-mine")).isEmpty();
    assertThat(h.callsFor("nowhere")).isEmpty();
  }

  @Test
  void aTenantBringsItsOwnKeysAndOnlyAllowedUrls() {
    h.client.resource(namespaced("tenant", "mine", h.datadog.baseUrl().toString(), "tenant", "keys")).create();
    h.create(using(variable("tenant", "tenant-var", "v1", false), CredentialsRef.NAMESPACED, "mine"));
    // the key Secret is not there yet
    h.awaitReason(DatadogCustomVariable.class, "tenant", "tenant-var", Reason.CredentialsNotReady);
    await().untilAsserted(() -> assertThat(credentialsReason("tenant", "mine")).isEqualTo("SecretNotFound"));

    // wrong keys: Datadog refuses them; fixing the Secret retries at once
    h.secret("tenant", "keys", Map.of("api", "wrong", "app", "wrong"));
    h.awaitReason(DatadogCustomVariable.class, "tenant", "tenant-var", Reason.DatadogAuthFailed);
    await().untilAsserted(() -> assertThat(credentialsReason("tenant", "mine")).isEqualTo("DatadogAuthFailed"));
    h.secret("tenant", "keys", Map.of("api", "tenant-api-key", "app", "tenant-app-key"));
    h.awaitSynced(DatadogCustomVariable.class, "tenant", "tenant-var");
    assertThat(tenant.storedVariable("TENANT_VAR").orElseThrow().get("value").asText()).isEqualTo("v1");
    await().untilAsserted(() -> {
      assertThat(credentialsReason("tenant", "mine")).isEqualTo("Ready");
      assertThat(h.client.resources(DatadogCredentials.class).inNamespace("tenant").withName("mine").get()
          .getStatus().getUsedBy()).isEqualTo(1);
    });

    // a rotation to the same keys costs no write
    int writes = tenant.writes().size();
    h.secret("tenant", "keys", Map.of("api", "tenant-api-key", "app", "tenant-app-key", "note", "rotated"));
    await().untilAsserted(() -> assertThat(tenant.calls().size()).isGreaterThan(writes));
    assertThat(tenant.writes()).hasSize(writes);

    // a URL outside the allowlist is refused, and nothing is called
    h.client.resource(namespaced("tenant", "elsewhere", "http://internal.example:8080", "tenant", "keys")).create();
    h.create(using(webhook("tenant", "exfil", "https://x.example.com"), CredentialsRef.NAMESPACED, "elsewhere"));
    h.awaitReason(DatadogWebhook.class, "tenant", "exfil", Reason.CredentialsNotReady);
    await().untilAsserted(() -> assertThat(credentialsReason("tenant", "elsewhere")).isEqualTo("URLNotAllowed"));
  }

  @Test
  void aSlowOrgDoesNotSlowAnotherAndWritesToOneOrgNeverOverlap() {
    staging.setLatency(Duration.ZERO, Duration.ofMillis(1500));
    try {
      for (int i = 0; i < 6; i++) {
        h.create(using(webhook("team-a", "slow-" + i, "https://slow.example.com"), CredentialsRef.CLUSTER,
            "staging"));
        h.create(webhook("team-b", "fast-" + i, "https://fast.example.com"));
      }
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        for (int i = 0; i < 6; i++) {
          assertThat(reason(DatadogWebhook.class, "team-b", "fast-" + i)).isEqualTo("Synced");
        }
      });
      // the fast org finished while the slow one (6 writes of 1.5 s, one at a time) had not
      assertThat(staging.writes().stream().filter(c -> c.path().contains("slow-")
          || c.requestBody().contains("slow-")).count()).isLessThan(6);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        for (int i = 0; i < 6; i++) {
          assertThat(reason(DatadogWebhook.class, "team-a", "slow-" + i)).isEqualTo("Synced");
        }
      });
      assertThat(staging.maxConcurrentWrites()).isEqualTo(1);
      assertThat(h.datadog.org(DatadogEmulator.DEFAULT_ORG).maxConcurrentWrites()).isEqualTo(1);
    } finally {
      staging.setLatency(null, null);
    }
  }

  @Test
  void credentialsInUseAreKeptUntilTheirUsersAreGoneAndAllAtOnceDeletionCleansUp() {
    h.secret("team-b", "b-keys", Map.of("api", "tenant-api-key", "app", "tenant-app-key"));
    h.client.resource(namespaced("team-b", "b-creds", h.datadog.baseUrl().toString(), "tenant", "b-keys")).create();
    h.create(using(webhook("team-b", "b-hook", "https://b.example.com"), CredentialsRef.NAMESPACED, "b-creds"));
    h.awaitSynced(DatadogWebhook.class, "team-b", "b-hook");
    assertThat(tenant.webhookNames()).contains("b-hook");

    // the credentials cannot go while a resource uses them
    h.client.resources(DatadogCredentials.class).inNamespace("team-b").withName("b-creds").delete();
    await().untilAsserted(() -> {
      DatadogCredentials held = h.client.resources(DatadogCredentials.class).inNamespace("team-b")
          .withName("b-creds").get();
      assertThat(held).isNotNull();
      assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
      assertThat(held.getStatus().getConditions()).anyMatch(c -> c.getMessage().contains("still used by 1"));
    });

    // everything at once, as a namespace deletion does: the key Secret goes first
    h.deleteSecret("team-b", "b-keys");
    h.delete(DatadogWebhook.class, "team-b", "b-hook");
    h.awaitGone(DatadogWebhook.class, "team-b", "b-hook");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(h.client.resources(
        DatadogCredentials.class).inNamespace("team-b").withName("b-creds").get()).isNull());
    assertThat(tenant.webhookNames()).as("deleted with the keys kept in memory").doesNotContain("b-hook");
  }

  @Test
  void credentialsAreOneOrgWhenTheirKeysOrAnAdminSaySo() {
    // the same URL and keys of another org: another org (the URL alone proves nothing), so no conflict
    h.secret(OPS, "same-keys", Map.of("api", "staging-api-key", "app", "staging-app-key"));
    h.client.resource(cluster("undeclared", h.datadog.baseUrl().toString(), null, OPS, "same-keys", null)).create();
    h.create(webhook("team-b", "shared-name", "https://first.example.com"));
    h.awaitSynced(DatadogWebhook.class, "team-b", "shared-name");
    h.create(using(webhook("team-a", "shared-name", "https://second.example.com"), CredentialsRef.CLUSTER,
        "undeclared"));
    h.awaitSynced(DatadogWebhook.class, "team-a", "shared-name");
    assertThat(staging.webhook("shared-name").orElseThrow().get("url").asText())
        .isEqualTo("https://second.example.com");
    // the same API key as "staging" (what "undeclared" holds): the same org, so the name is claimed across both
    h.create(using(webhook("team-b", "second-claim", "https://x.example.com"), CredentialsRef.CLUSTER, "staging"));
    h.awaitSynced(DatadogWebhook.class, "team-b", "second-claim");
    h.create(using(named(webhook("team-a", "second-claimer", "https://y.example.com"), "second-claim"),
        CredentialsRef.CLUSTER, "undeclared"));
    h.awaitReason(DatadogWebhook.class, "team-a", "second-claimer", Reason.NameConflict);
  }

  @Test
  void aStatusRecordedByAnEarlierVersionIsRecordedAgainWithoutAWrite() {
    h.create(using(webhook("team-a", "from-before", "https://before.example.com"), CredentialsRef.CLUSTER,
        "staging"));
    h.awaitSynced(DatadogWebhook.class, "team-a", "from-before");
    int writes = staging.writes().size();
    // what an earlier version wrote: <endpoint>#<organization>, no uid, no identity
    DatadogWebhook old = h.get(DatadogWebhook.class, "team-a", "from-before");
    old.getStatus().setCredentials(new io.ddwebhooks.operator.crd.RecordedCredentials(
        "ClusterDatadogCredentials/staging", h.datadog.baseUrl() + "#staging"));
    h.client.resource(old).updateStatus();
    await().untilAsserted(() -> {
      var recorded = h.get(DatadogWebhook.class, "team-a", "from-before").getStatus().getCredentials();
      assertThat(recorded.getIdentity()).isNotBlank();
      assertThat(recorded.getOrg()).isEqualTo(h.datadog.baseUrl().toString());
    });
    var status = h.get(DatadogWebhook.class, "team-a", "from-before").getStatus();
    assertThat(status.getMovingFrom()).isNull();
    assertThat(status.getRemoteName()).isEqualTo("from-before");
    assertThat(staging.writes()).as("re-recorded with no Datadog write").hasSize(writes);
    assertThat(h.datadog.webhookNames()).doesNotContain("from-before");
  }

  private static DatadogWebhook named(DatadogWebhook w, String name) {
    w.getSpec().setName(name);
    return w;
  }

  @Test
  void aResourceThatOwnsAnObjectMovesItToItsNewOrg() {
    // (the steps of a move, and crashes between them, are MovingBetweenOrgsIT's)
    h.create(webhook("team-a", "pinned", "https://p.example.com"));
    h.awaitSynced(DatadogWebhook.class, "team-a", "pinned");
    h.edit(DatadogWebhook.class, "team-a", "pinned", w -> using(w, CredentialsRef.CLUSTER, "staging"));
    await().untilAsserted(() -> {
      assertThat(staging.webhookNames()).contains("pinned");
      assertThat(h.datadog.webhookNames()).doesNotContain("pinned");
      assertThat(h.get(DatadogWebhook.class, "team-a", "pinned").getStatus().getMovingFrom()).isNull();
    });
  }

  private static String credentialsReason(String ns, String name) {
    DatadogCredentials c = h.client.resources(DatadogCredentials.class).inNamespace(ns).withName(name).get();
    return c == null || c.getStatus() == null ? null : c.getStatus().getConditions().stream()
        .filter(x -> x.getType().equals("Ready")).map(io.fabric8.kubernetes.api.model.Condition::getReason)
        .findFirst().orElse(null);
  }

}
