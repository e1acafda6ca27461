package io.ddwebhooks.operator.orgs;

import static io.ddwebhooks.operator.testing.CredentialsFixtures.cluster;
import static io.ddwebhooks.operator.testing.CredentialsFixtures.using;
import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.DatadogWebhookAuthMethod;
import io.ddwebhooks.operator.crd.DatadogWebhookAuthMethodSpec;
import io.ddwebhooks.operator.crd.DeletionPolicy;
import io.ddwebhooks.operator.crd.OAuth2ClientCredentials;
import io.ddwebhooks.operator.crd.ValueSource;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.Fault;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.ddwebhooks.operator.testing.SimulatedCrash;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Moving an object from the default org to another: recorded before acting, created in the new org, deleted from the
 * old one, the record cleared; a crash after either step resumes exactly. Also: an old org that cannot be reached any
 * more, deletionPolicy Orphan, a name taken in the new org, and an auth method (its old id recorded, its old copy
 * deleted by that id).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MovingBetweenOrgsIT {

  private static final String NS = "moves";
  private OperatorHarness h;
  private DatadogEmulator.Org staging;
  private final SimulatedCrash crash = new SimulatedCrash();

  @BeforeEach
  void start() {
    h = OperatorHarness.start();
    staging = h.datadog.addOrg("staging", "staging-api-key", "staging-app-key");
    h.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    h.secret(NS, "staging-keys", Map.of("api", "staging-api-key", "app", "staging-app-key"));
    h.client.resource(cluster("staging", h.datadog.baseUrl().toString(), "staging", NS, "staging-keys", null))
        .create();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private void moveToStaging(String name) {
    h.edit(DatadogWebhook.class, NS, name, w -> using(w, CredentialsRef.CLUSTER, "staging"));
  }

  private List<String> reasons(String name) {
    return h.events(NS, name).stream().map(Event::getReason).toList();
  }

  @Test
  void aMoveCreatesInTheNewOrgThenDeletesTheOldCopy() {
    h.create(webhook(NS, "mover", "https://m.example.com"));
    h.awaitSynced(DatadogWebhook.class, NS, "mover");
    moveToStaging("mover");
    await().untilAsserted(() -> {
      var status = h.get(DatadogWebhook.class, NS, "mover").getStatus();
      assertThat(status.getMovingFrom()).isNull();
      assertThat(status.getCredentials().getRef()).isEqualTo("ClusterDatadogCredentials/staging");
      assertThat(status.getRemoteName()).isEqualTo("mover");
    });
    h.awaitSynced(DatadogWebhook.class, NS, "mover");
    assertThat(staging.webhook("mover").orElseThrow().get("url").asText()).isEqualTo("https://m.example.com");
    assertThat(h.datadog.webhookNames()).doesNotContain("mover");
    await().untilAsserted(() -> assertThat(h.events(NS, "mover")).anyMatch(e -> e.getReason().equals("Moved")
        && e.getMessage().contains("staging") && !e.getMessage().contains("staging-api-key")));

    // deleting the resource now deletes in the new org
    h.delete(DatadogWebhook.class, NS, "mover");
    h.awaitGone(DatadogWebhook.class, NS, "mover");
    assertThat(staging.webhookNames()).doesNotContain("mover");
  }

  @Test
  void anAuthMethodMovesByItsIdAndItsSecretIsSentOnceInTheNewOrg() {
    h.secret(NS, "oauth", Map.of("clientSecret", "MOVING-CLIENT-SECRET"));
    DatadogWebhookAuthMethod m = new DatadogWebhookAuthMethod();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("oauth-mover").build());
    m.setSpec(new DatadogWebhookAuthMethodSpec());
    OAuth2ClientCredentials o = new OAuth2ClientCredentials();
    o.setAccessTokenUrl("https://auth.example.com/oauth/token");
    o.setClientId("client-a");
    o.setClientSecretFrom(ValueSource.secret("oauth", "clientSecret"));
    m.getSpec().setOauth2ClientCredentials(o);
    h.create(m);
    h.awaitSynced(DatadogWebhookAuthMethod.class, NS, "oauth-mover");
    String oldId = h.datadog.storedAuthMethod("oauth-mover").orElseThrow().get("id").asText();
    await().untilAsserted(() -> assertThat(h.get(DatadogWebhookAuthMethod.class, NS, "oauth-mover").getStatus()
        .getId()).isEqualTo(oldId));

    // the old org refuses the delete for a while: the move is caught half way
    h.datadog.failNext("DELETE", DatadogEmulator.AUTH_METHODS, 3, Fault.status(503, "try later"));
    h.edit(DatadogWebhookAuthMethod.class, NS, "oauth-mover", r -> using(r, CredentialsRef.CLUSTER, "staging"));
    await().untilAsserted(() -> assertThat(staging.storedAuthMethod("oauth-mover")).isPresent());
    String newId = staging.storedAuthMethod("oauth-mover").orElseThrow().get("id").asText();
    await().untilAsserted(() -> {
      var status = h.get(DatadogWebhookAuthMethod.class, NS, "oauth-mover").getStatus();
      assertThat(status.getMovingFrom()).isNotNull();
      assertThat(status.getMovingFrom().getId()).isEqualTo(oldId);
      assertThat(status.getId()).isEqualTo(newId);
    });
    // renamed in the old org meanwhile: still the copy to delete, found by its id
    h.datadog.editAuthMethodOutOfBand("oauth-mover", "name", "oauth-mover-renamed");

    await().untilAsserted(() -> assertThat(h.get(DatadogWebhookAuthMethod.class, NS, "oauth-mover").getStatus()
        .getMovingFrom()).isNull());
    h.awaitSynced(DatadogWebhookAuthMethod.class, NS, "oauth-mover");
    assertThat(h.datadog.authMethodNames()).as("the old copy is gone").isEmpty();
    var status = h.get(DatadogWebhookAuthMethod.class, NS, "oauth-mover").getStatus();
    assertThat(status.getId()).isEqualTo(newId);
    assertThat(status.getOldCopy()).isNull();
    assertThat(staging.authMethodNames()).containsExactly("oauth-mover");
    assertThat(staging.storedAuthMethod("oauth-mover").orElseThrow().get("client_secret").asText())
        .isEqualTo("MOVING-CLIENT-SECRET");
    assertThat(staging.writes()).as("the client secret sent once in the new org").singleElement()
        .satisfies(c -> assertThat(c.method()).isEqualTo("POST"));
    assertThat(h.datadog.writes()).filteredOn(c -> c.method().equals("DELETE")).last()
        .satisfies(c -> assertThat(c.path()).endsWith("/" + oldId));
    assertThat(reasons("oauth-mover")).contains("Moved");
  }

  private void startDyingAfter(String operation, String name) {
    h.startOperator(crash.after(operation, name), h.config());
  }

  private void crashAndRestart() throws InterruptedException {
    crash.awaitCrash();
    h.stopOperator();
    h.startOperator();
  }

  @Test
  void aCrashAfterTheCreateInTheNewOrgResumesWithoutASecondCopy() throws InterruptedException {
    h.create(webhook(NS, "crash-create", "https://c.example.com"));
    h.awaitSynced(DatadogWebhook.class, NS, "crash-create");
    h.stopOperator();
    startDyingAfter("create", "crash-create");
    moveToStaging("crash-create");
    crashAndRestart();

    await().untilAsserted(() -> assertThat(h.get(DatadogWebhook.class, NS, "crash-create").getStatus()
        .getMovingFrom()).isNull());
    h.awaitSynced(DatadogWebhook.class, NS, "crash-create");
    assertThat(staging.writes()).filteredOn(c -> c.method().equals("POST")).as("one copy in the new org").hasSize(1);
    assertThat(h.datadog.webhookNames()).as("no copy left in the old org").doesNotContain("crash-create");
    assertThat(reasons("crash-create")).contains("Moved");
  }

  @Test
  void aCrashAfterTheDeleteInTheOldOrgResumesAndClearsTheRecord() throws InterruptedException {
    h.create(webhook(NS, "crash-delete", "https://d.example.com"));
    h.awaitSynced(DatadogWebhook.class, NS, "crash-delete");
    h.stopOperator();
    startDyingAfter("delete", "crash-delete");
    moveToStaging("crash-delete");
    crashAndRestart();

    await().untilAsserted(() -> assertThat(h.get(DatadogWebhook.class, NS, "crash-delete").getStatus()
        .getMovingFrom()).isNull());
    h.awaitSynced(DatadogWebhook.class, NS, "crash-delete");
    assertThat(staging.webhookNames()).contains("crash-delete");
    assertThat(h.datadog.webhookNames()).doesNotContain("crash-delete");
    assertThat(staging.writes()).filteredOn(c -> c.method().equals("POST")).hasSize(1);
    assertThat(h.datadog.writes()).filteredOn(c -> c.method().equals("DELETE")).extracting(RecordedCall::status)
        .as("the delete after the restart found it gone").contains(200, 404);
  }

  @Test
  void anOldOrgThatCannotBeReachedLeavesItsCopyAndSaysSo() {
    // a variable in staging moves to the default org, then the staging credentials are deleted
    h.create(using(variable(NS, "stranded", "v", false), CredentialsRef.CLUSTER, "staging"));
    h.awaitSynced(DatadogCustomVariable.class, NS, "stranded");
    h.edit(DatadogCustomVariable.class, NS, "stranded", v -> {
      v.getSpec().setCredentialsRef(null);
      return v;
    });
    h.client.resources(ClusterDatadogCredentials.class).withName("staging").delete();
    h.deleteSecret(NS, "staging-keys");
    // (the operator may delete the old copy first if the move runs before the credentials go; both are fine)
    await().untilAsserted(() -> {
      var status = h.get(DatadogCustomVariable.class, NS, "stranded").getStatus();
      assertThat(status.getMovingFrom()).isNull();
      assertThat(status.getCredentials().getRef()).isEqualTo("default");
    });
    h.awaitSynced(DatadogCustomVariable.class, NS, "stranded");
    assertThat(h.datadog.storedVariable("STRANDED")).isPresent();
    var status = h.get(DatadogCustomVariable.class, NS, "stranded").getStatus();
    if (staging.variableNames().contains("STRANDED")) {
      assertThat(status.getOldCopy().getName()).isEqualTo("STRANDED");
      assertThat(status.getOldCopy().getOrg()).endsWith("#staging");
      assertThat(reasons("stranded")).contains("OldCopyLeft");
    } else {
      assertThat(reasons("stranded")).contains("Moved");
    }
  }

  @Test
  void orphanLeavesTheOldCopyByDesign() {
    var w = webhook(NS, "keeper", "https://k.example.com");
    w.getSpec().setDeletionPolicy(DeletionPolicy.Orphan);
    h.create(w);
    h.awaitSynced(DatadogWebhook.class, NS, "keeper");
    moveToStaging("keeper");
    await().untilAsserted(() -> assertThat(h.events(NS, "keeper")).anyMatch(e -> e.getReason().equals("Moved")
        && e.getMessage().contains("deletionPolicy Orphan")));
    assertThat(staging.webhookNames()).contains("keeper");
    assertThat(h.datadog.webhookNames()).as("left by design").contains("keeper");
  }

  @Test
  void aNameTakenInTheNewOrgIsAConflictAndTheOldCopyStays() {
    h.create(webhook(NS, "taken", "https://t.example.com"));
    h.awaitSynced(DatadogWebhook.class, NS, "taken");
    // someone else's webhook of that name in the new org (created through the API with its keys)
    h.client.resource(cluster("other-door", h.datadog.baseUrl().toString(), "staging", NS, "staging-keys", null))
        .create();
    h.create(using(webhook("default", "taken", "https://someone-else.example.com"), CredentialsRef.CLUSTER,
        "other-door"));
    await().untilAsserted(() -> assertThat(staging.webhookNames()).contains("taken"));
    moveToStaging("taken");
    h.awaitReason(DatadogWebhook.class, NS, "taken", Reason.NameConflict);
    assertThat(h.datadog.webhookNames()).as("the old copy stays until the new one exists").contains("taken");
    assertThat(h.get(DatadogWebhook.class, NS, "taken").getStatus().getMovingFrom().getName()).isEqualTo("taken");
    assertThat(staging.webhook("taken").orElseThrow().get("url").asText())
        .isEqualTo("https://someone-else.example.com");
  }
}
