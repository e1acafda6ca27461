package io.ddwebhooks.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.Fault;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.crd.DatadogWebhookAuthMethod;
import io.ddwebhooks.operator.crd.DeletionPolicy;
import io.ddwebhooks.operator.crd.ValueSource;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.Fixtures;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.ddwebhooks.operator.testing.RealKubernetes;
import io.ddwebhooks.operator.testing.SimulatedCrash;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * DatadogWebhookAuthMethod end to end: a real API server (RBAC, server-side apply, the operator as its
 * ServiceAccount) and the emulator's v2 endpoints. Create, spec change, Secret rotation, an unrelated key, drift, an
 * out-of-band delete, a name conflict, a crash between the POST and the status, an out-of-band rename (also while
 * the operator is down), deletion (and Orphan, and a 409), and no client secret anywhere it could leak to.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthMethodIT {

  private static final String NS = "auth-methods";
  private static final Duration RESYNC = Duration.ofSeconds(3);
  private static final String SECRET_ONE = "CLIENT-SECRET-LEAK-ONE";
  private static final String SECRET_TWO = "CLIENT-SECRET-LEAK-TWO";
  private static final String SECRET_THREE = "CLIENT-SECRET-LEAK-THREE";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private static final SimulatedCrash CRASH = new SimulatedCrash();
  private static Level previous;
  private static RealKubernetes k8s;
  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previous = root.getLevel();
    root.setLevel(Level.DEBUG);
    LOGS.start();
    root.addAppender(LOGS);
    k8s = RealKubernetes.start();
    k8s.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    h = OperatorHarness.startOn(k8s, c -> c.withResyncInterval(RESYNC));
    h.secret(NS, "oauth", Map.of("clientSecret", SECRET_ONE, "unrelated", "one", "clientId", "client-from-secret"));
  }

  @AfterAll
  static void stop() {
    h.close();
    k8s.close();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(LOGS);
    root.setLevel(previous);
  }

  private static DatadogWebhookAuthMethod authMethod(String name, String datadogName) {
    DatadogWebhookAuthMethod m = Fixtures.authMethod(NS, name, datadogName, "oauth");
    m.getSpec().getOauth2ClientCredentials().setAudience("https://api.example.com");
    return m;
  }


  private static JsonNode stored(String datadogName) {
    return h.datadog.storedAuthMethod(datadogName).orElseThrow();
  }

  /** Writes to the auth-method API since the last {@link DatadogEmulator#clearCalls()}. */
  private static List<RecordedCall> writes() {
    return h.datadog.calls().stream().filter(c -> c.path().startsWith(DatadogEmulator.AUTH_METHODS))
        .filter(RecordedCall::isWrite).toList();
  }

  private static long reads() {
    return h.datadog.calls().stream().filter(c -> c.path().startsWith(DatadogEmulator.AUTH_METHODS))
        .filter(c -> !c.isWrite()).count();
  }

  /** Waits until the operator has looked at Datadog at least {@code n} more times (resyncs), then returns. */
  private static void awaitReads(long n) {
    long before = reads();
    await().atMost(Duration.ofSeconds(60)).until(() -> reads() >= before + n);
  }

  @Test
  @Order(1)
  void createChangeRotateAndAnUnrelatedKey() {
    h.datadog.clearCalls();
    h.create(authMethod("servicenow", "servicenow-oauth"));
    h.awaitSynced(DatadogWebhookAuthMethod.class, NS, "servicenow");
    JsonNode made = stored("servicenow-oauth");
    assertThat(made.get("client_secret").asText()).isEqualTo(SECRET_ONE);
    assertThat(made.get("client_id").asText()).isEqualTo("client-a");
    assertThat(made.get("audience").asText()).isEqualTo("https://api.example.com");
    var status = h.get(DatadogWebhookAuthMethod.class, NS, "servicenow").getStatus();
    assertThat(status.getId()).isEqualTo(made.get("id").asText());
    assertThat(status.getRemoteName()).isEqualTo("servicenow-oauth");
    assertThat(writes()).extracting(RecordedCall::method).containsExactly("POST");

    // at rest: resyncs read, never write
    awaitReads(3);
    assertThat(writes()).extracting(RecordedCall::method).containsExactly("POST");

    // a spec change: one PATCH carrying every field, the secret included and an explicit null audience
    h.datadog.clearCalls();
    h.edit(DatadogWebhookAuthMethod.class, NS, "servicenow", m -> {
      m.getSpec().getOauth2ClientCredentials().setScope("incidents.write");
      m.getSpec().getOauth2ClientCredentials().setAudience(null);
      return m;
    });
    await().untilAsserted(() -> assertThat(stored("servicenow-oauth").get("scope").asText())
        .isEqualTo("incidents.write"));
    h.awaitSynced(DatadogWebhookAuthMethod.class, NS, "servicenow");
    assertThat(writes()).singleElement().satisfies(c -> {
      assertThat(c.method()).isEqualTo("PATCH");
      assertThat(c.requestBody()).contains("\"audience\":null", "\"client_secret\":\"" + SECRET_ONE + "\"");
    });
    assertThat(stored("servicenow-oauth").get("audience").isNull()).isTrue();

    // the client secret rotated: sent again, once
    h.datadog.clearCalls();
    h.secret(NS, "oauth", Map.of("clientSecret", SECRET_TWO, "unrelated", "one", "clientId", "client-from-secret"));
    await().untilAsserted(() -> assertThat(stored("servicenow-oauth").get("client_secret").asText())
        .isEqualTo(SECRET_TWO));
    awaitReads(2);
    assertThat(writes()).extracting(RecordedCall::method).containsExactly("PATCH");

    // another key of the same Secret: nothing to write
    h.datadog.clearCalls();
    h.secret(NS, "oauth", Map.of("clientSecret", SECRET_TWO, "unrelated", "two", "clientId", "client-from-secret"));
    awaitReads(2);
    assertThat(writes()).isEmpty();
    assertThat(h.get(DatadogWebhookAuthMethod.class, NS, "servicenow").getStatus().getId())
        .isEqualTo(stored("servicenow-oauth").get("id").asText());
  }

  @Test
  @Order(2)
  void driftIsRestoredAndAnOutOfBandDeleteRecreated() {
    DatadogWebhookAuthMethod m = authMethod("drifty", null);
    m.getSpec().getOauth2ClientCredentials().setClientId(null);
    m.getSpec().getOauth2ClientCredentials().setClientIdFrom(ValueSource.secret("oauth", "clientId"));
    h.create(m);
    h.awaitSynced(DatadogWebhookAuthMethod.class, NS, "drifty");
    assertThat(stored("drifty").get("client_id").asText()).isEqualTo("client-from-secret");

    h.datadog.clearCalls();
    h.datadog.editAuthMethodOutOfBand("drifty", "access_token_url", "https://elsewhere.example.com/token");
    await().untilAsserted(() -> assertThat(stored("drifty").get("access_token_url").asText())
        .isEqualTo("https://auth.example.com/oauth/token"));
    assertThat(writes()).extracting(RecordedCall::method).containsExactly("PATCH");
    assertThat(writes().get(0).requestBody()).contains(SECRET_TWO);
    await().untilAsserted(() -> assertThat(h.events(NS, "drifty")).extracting(Event::getReason)
        .contains("DriftCorrected"));

    String firstId = stored("drifty").get("id").asText();
    h.datadog.deleteAuthMethodOutOfBand("drifty");
    await().untilAsserted(() -> assertThat(h.datadog.storedAuthMethod("drifty")).isPresent());
    String secondId = stored("drifty").get("id").asText();
    assertThat(secondId).isNotEqualTo(firstId);
    assertThat(stored("drifty").get("client_secret").asText()).isEqualTo(SECRET_TWO);
    await().untilAsserted(() -> assertThat(h.get(DatadogWebhookAuthMethod.class, NS, "drifty").getStatus().getId())
        .isEqualTo(secondId));
  }

  @Test
  @Order(3)
  void aNameDatadogAlreadyHoldsIsAConflictAndNothingIsWritten() {
    h.datadog.putAuthMethodOutOfBand("taken", "https://theirs.example.com/token", "theirs", "their-secret");
    h.datadog.clearCalls();
    h.create(authMethod("mine", "taken"));
    h.awaitReason(DatadogWebhookAuthMethod.class, NS, "mine", Reason.NameConflict);
    assertThat(writes()).isEmpty();
    assertThat(stored("taken").get("client_secret").asText()).isEqualTo("their-secret");
    assertThat(stored("taken").get("client_id").asText()).isEqualTo("theirs");

    // deleting the resource never deletes their object
    h.delete(DatadogWebhookAuthMethod.class, NS, "mine");
    h.awaitGone(DatadogWebhookAuthMethod.class, NS, "mine");
    assertThat(h.datadog.storedAuthMethod("taken")).isPresent();
  }

  @Test
  @Order(4)
  void aCrashBetweenThePostAndTheStatusLeavesExactlyOneObject() throws InterruptedException {
    h.stopOperator();
    h.startOperator(CRASH.after("create", "crashy"), h.config());
    h.create(authMethod("crashy", null));
    CRASH.awaitCrash();
    h.stopOperator();
    assertThat(h.get(DatadogWebhookAuthMethod.class, NS, "crashy").getStatus().getPendingName()).isEqualTo("crashy");
    assertThat(h.get(DatadogWebhookAuthMethod.class, NS, "crashy").getStatus().getRemoteName()).isNull();
    h.startOperator();

    h.awaitSynced(DatadogWebhookAuthMethod.class, NS, "crashy");
    assertThat(h.datadog.authMethodNames()).filteredOn("crashy"::equals).hasSize(1);
    var status = h.get(DatadogWebhookAuthMethod.class, NS, "crashy").getStatus();
    assertThat(status.getRemoteName()).isEqualTo("crashy");
    assertThat(status.getPendingName()).isNull();
    assertThat(status.getId()).isEqualTo(stored("crashy").get("id").asText());
    assertThat(stored("crashy").get("client_secret").asText()).isEqualTo(SECRET_TWO);
    await().untilAsserted(() -> assertThat(h.events(NS, "crashy")).extracting(Event::getReason)
        .contains("Recovered").doesNotContain("NameConflict"));
  }

  @Test
  @Order(5)
  void anOutOfBandRenameIsRestoredWithOnePatchAlsoAfterARestart() {
    h.create(authMethod("renamed", "renamed-oauth"));
    h.awaitSynced(DatadogWebhookAuthMethod.class, NS, "renamed");
    String id = stored("renamed-oauth").get("id").asText();
    await().untilAsserted(() -> assertThat(h.get(DatadogWebhookAuthMethod.class, NS, "renamed").getStatus().getId())
        .isEqualTo(id));

    // renamed in Datadog's UI: the GET by the id answers another name, and nothing holds the resource's name
    h.datadog.clearCalls();
    h.datadog.editAuthMethodOutOfBand("renamed-oauth", "name", "renamed-in-the-ui");
    awaitRestored("renamed", "renamed-oauth", id, 1);
    await().untilAsserted(() -> assertThat(h.events(NS, "renamed")).extracting(Event::getReason)
        .contains("DriftCorrected"));

    // and while the operator is down: after the restart only status.id knows the object
    h.stopOperator();
    h.datadog.editAuthMethodOutOfBand("renamed-oauth", "name", "renamed-while-down");
    h.datadog.clearCalls();
    h.startOperator();
    awaitRestored("renamed", "renamed-oauth", id, 2);
  }

  /** One PATCH by the same id restored the name; no POST, no second object; the drift counted. */
  private static void awaitRestored(String resource, String datadogName, String id, int corrections) {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(h.get(DatadogWebhookAuthMethod.class, NS,
        resource).getStatus().getDriftCorrections()).isEqualTo(corrections));
    h.awaitSynced(DatadogWebhookAuthMethod.class, NS, resource);
    awaitReads(2);
    assertThat(writes()).singleElement().satisfies(c -> {
      assertThat(c.method()).isEqualTo("PATCH");
      assertThat(c.path()).endsWith("/" + id);
    });
    assertThat(h.datadog.authMethodNames()).filteredOn(n -> n.startsWith("renamed")).containsExactly(datadogName);
    assertThat(stored(datadogName).get("id").asText()).isEqualTo(id);
    assertThat(stored(datadogName).get("client_secret").asText()).isEqualTo(SECRET_TWO);
    assertThat(h.get(DatadogWebhookAuthMethod.class, NS, resource).getStatus().getId()).isEqualTo(id);
  }

  @Test
  @Order(6)
  void deletionThroughTheFinalizerOrphanAndARefusal() {
    // Datadog refuses the delete (409): the finalizer stays and an Event says why; the retry succeeds
    h.datadog.failNext("DELETE", DatadogEmulator.AUTH_METHODS, 1, Fault.status(409,
        "The auth method is used by webhooks"));
    h.delete(DatadogWebhookAuthMethod.class, NS, "servicenow");
    await().untilAsserted(() -> assertThat(h.events(NS, "servicenow"))
        .anyMatch(e -> e.getReason().equals("DatadogRejected") && e.getMessage().contains("used by webhooks")));
    h.awaitGone(DatadogWebhookAuthMethod.class, NS, "servicenow");
    assertThat(h.datadog.storedAuthMethod("servicenow-oauth")).isEmpty();

    h.edit(DatadogWebhookAuthMethod.class, NS, "drifty", m -> {
      m.getSpec().setDeletionPolicy(DeletionPolicy.Orphan);
      return m;
    });
    h.awaitSynced(DatadogWebhookAuthMethod.class, NS, "drifty");
    h.delete(DatadogWebhookAuthMethod.class, NS, "drifty");
    h.awaitGone(DatadogWebhookAuthMethod.class, NS, "drifty");
    assertThat(h.datadog.storedAuthMethod("drifty")).as("Orphan leaves it in Datadog").isPresent();

    h.delete(DatadogWebhookAuthMethod.class, NS, "crashy");
    h.awaitGone(DatadogWebhookAuthMethod.class, NS, "crashy");
    assertThat(h.datadog.storedAuthMethod("crashy")).isEmpty();
  }

  @Test
  @Order(7)
  void anErrorThatEchoesTheSecretIsRedactedAndNoSecretLeaksAnywhere() throws Exception {
    h.secret(NS, "oauth", Map.of("clientSecret", SECRET_THREE, "unrelated", "two", "clientId", "client-from-secret"));
    h.datadog.failNext("POST", DatadogEmulator.AUTH_METHODS, 1, Fault.echo(400));
    h.create(authMethod("echoed", null));
    assertThat(h.awaitReason(DatadogWebhookAuthMethod.class, NS, "echoed", Reason.DatadogRejected).getMessage())
        .contains("[redacted]");

    List<String> secrets = List.of(SECRET_ONE, SECRET_TWO, SECRET_THREE);
    List<ILoggingEvent> logged;
    synchronized (LOGS) { // the appender adds under this lock while the operator keeps logging
      logged = List.copyOf(LOGS.list);
    }
    for (ILoggingEvent e : logged) {
      String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
      // the emulator's own request log is test tooling, not the operator
      if (!e.getLoggerName().startsWith("io.ddwebhooks.emulator")) {
        assertThat(line).as(e.getLoggerName()).doesNotContain(secrets);
      }
    }
    for (Event e : k8s.admin().v1().events().inNamespace(NS).list().getItems()) {
      assertThat(e.getMessage()).doesNotContain(secrets);
    }
    for (DatadogWebhookAuthMethod m : k8s.admin().resources(DatadogWebhookAuthMethod.class).inNamespace(NS).list()
        .getItems()) {
      assertThat(JSON.writeValueAsString(m.getStatus())).doesNotContain(secrets);
    }
  }
}
