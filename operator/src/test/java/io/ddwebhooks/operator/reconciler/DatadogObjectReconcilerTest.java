package io.ddwebhooks.operator.reconciler;

import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static io.ddwebhooks.operator.testing.Fixtures.webhookFromSecret;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.config.AdoptionScope;
import io.ddwebhooks.operator.config.Backoff;
import io.ddwebhooks.operator.crd.Annotations;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.ManagementPolicy;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.datadog.Operation;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsKinds;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsLookup;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsResolver;
import io.ddwebhooks.operator.reconciler.credentials.OrgHealth;
import io.ddwebhooks.operator.reconciler.kube.EventSink;
import io.ddwebhooks.operator.reconciler.kube.SecretSource;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.sync.Fingerprints;
import io.ddwebhooks.operator.sync.SecretValues;
import io.ddwebhooks.operator.testing.EmulatedDatadog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The reconcile script with plain fakes (no server of any kind): what it reports, what it asks JOSDK for (when to
 * come back: never for a refusal until the spec changes; the rate-limit reset; backoff) and which calls it makes.
 */
class DatadogObjectReconcilerTest {

  private static final Duration RESYNC = Duration.ofMinutes(10);
  private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5),
      Duration.ofMinutes(5));

  private static final Fingerprints FINGERPRINTS = new Fingerprints("k1", Map.of("k1", Fingerprints.newKey()));

  private final EmulatedDatadog datadog = new EmulatedDatadog();
  private final Map<SecretKeySelector, String> secretData = new HashMap<>();
  private final List<String> events = new ArrayList<>();
  private final List<String> checkpoints = new ArrayList<>();
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T12:00:00Z"));
  private final DatadogWebhookReconciler reconciler = new DatadogWebhookReconciler(settings(clock));

  /** A clock the test moves forward (resync slots are on the wall clock). */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** The plain fakes: Secrets from a map, Events to a list, the one default org served by the fake Datadog. */
  private ReconcileSettings settings(Clock clock) {
    io.ddwebhooks.operator.reconciler.credentials.EnvironmentOrg org = new io.ddwebhooks.operator.reconciler.credentials.EnvironmentOrg(
        java.net.URI.create("https://api.datadoghq.com"), "api", "app");
    CredentialsResolver credentials = new CredentialsResolver(new NoCredentials(), CredentialsKinds.NONE, org, null,
        io.ddwebhooks.operator.config.UrlAllowlist.NONE, FINGERPRINTS);
    return new ReconcileSettings(this::readSecrets, new RecordingEvents(events), this::checkpoint,
        new OperatorWatches(null, null, null), ReconcileObserver.NONE, BACKOFF, RESYNC,
        io.ddwebhooks.operator.sync.ResourcePolicy.MIN_INTERVAL,
        AdoptionScope.NOWHERE, io.ddwebhooks.operator.config.TemplateRules.DEFAULT, FINGERPRINTS,
        new io.ddwebhooks.operator.datadog.DatadogOrgs(target -> datadog), credentials, new OrgHealth(),
        new VariableReferences(), clock, () -> 0.5);
  }

  /** No credentials objects at all (the CRDs are not installed). */
  static final class NoCredentials implements CredentialsLookup {
    @Override
    public boolean available() {
      return false;
    }

    @Override
    public java.util.Optional<io.ddwebhooks.operator.crd.DatadogCredentials> namespaced(String ns, String name) {
      return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<io.ddwebhooks.operator.crd.ClusterDatadogCredentials> cluster(String name) {
      return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<Map<String, String>> namespaceLabels(String namespace) {
      return java.util.Optional.of(Map.of());
    }

    @Override
    public java.util.Optional<String> secretValue(String ns, String name, String key) {
      return java.util.Optional.empty();
    }
  }

  private SecretValues readSecrets(String namespace, Collection<SecretKeySelector> refs)
      throws SecretSource.MissingSecretException {
    Map<SecretKeySelector, String> values = new HashMap<>();
    for (SecretKeySelector ref : refs) {
      String v = secretData.get(ref);
      if (v == null) {
        throw new SecretSource.MissingSecretException("Secret '" + ref.getName() + "' not found");
      }
      values.put(ref, v);
    }
    return new SecretValues(values, Map.of("s", "1"));
  }

  private void checkpoint(CustomResource<?, DatadogResourceStatus> resource, DatadogResourceStatus status) {
    checkpoints.add(status.getPendingName());
  }

  private static DatadogWebhook resource(String name) {
    DatadogWebhook w = webhook("loop", name, "https://a.example.com");
    w.getMetadata().setUid(UUID.randomUUID().toString());
    w.getMetadata().setGeneration(1L);
    return w;
  }

  private UpdateControl<DatadogWebhook> reconcile(DatadogWebhook w) {
    return reconcile(w, List.of());
  }

  private UpdateControl<DatadogWebhook> reconcile(DatadogWebhook w, List<DatadogWebhook> claimants) {
    UpdateControl<DatadogWebhook> control = reconciler.reconcile(w, claimants);
    if (control.isPatchStatus()) {
      w.setStatus(control.getResource().orElseThrow().getStatus());
    }
    return control;
  }

  private static String reason(DatadogWebhook w) {
    return ReadyCondition.reason(w.getStatus()).orElse(null);
  }

  private static String variables(DatadogWebhook w) {
    return w.getStatus().getConditions().stream().filter(c -> c.getType().equals("VariablesResolved"))
        .map(c -> c.getStatus() + " " + c.getReason() + ": " + c.getMessage()).findFirst().orElse(null);
  }

  @Test
  void templatesAreCheckedBeforeAnyWrite() {
    DatadogWebhook typo = resource("typo");
    typo.getSpec().setPayload("{\"t\": \"$EVENT_TITEL\", \"h\": \"$HOSTNAME\"}");
    reconcile(typo);
    assertThat(reason(typo)).as("warn mode: Datadog accepts the template").isEqualTo("Synced");
    assertThat(variables(typo)).isEqualTo("False UnknownVariable: unknown variable(s): spec.payload: $EVENT_TITEL"
        + " - did you mean $EVENT_TITLE?");
    assertThat(events).contains("Warning UnknownVariable: unknown variable(s): spec.payload: $EVENT_TITEL - did you"
        + " mean $EVENT_TITLE?");
    assertThat(datadog.calls()).as("one GET asks Datadog whether it holds the name").contains("GET EVENT_TITEL");

    // a secret variable nobody declares, that Datadog holds: refused, nothing written
    datadog.put(new io.ddwebhooks.operator.datadog.CustomVariable("SOMEONES_KEY", "k",
        true));
    DatadogWebhook foreign = resource("foreign");
    foreign.getSpec().setPayload("{\"k\": \"$SOMEONES_KEY\"}");
    reconcile(foreign);
    assertThat(reason(foreign)).isEqualTo("VariableNotAllowed");
    assertThat(variables(foreign)).startsWith("True Resolved");
    assertThat(datadog.writes()).containsExactly("CREATE typo");

    // Datadog cannot say whether it holds a name: no verdict on a guess, and no write
    DatadogWebhook unsure = resource("unsure");
    unsure.getSpec().setPayload("{\"k\": \"$MAYBE_THERE\"}");
    datadog.fail(Operation.GET, EmulatedDatadog.Failure.of(503, "Service Unavailable"));
    reconcile(unsure);
    assertThat(reason(unsure)).isEqualTo("DatadogUnavailable");
    assertThat(datadog.writes()).containsExactly("CREATE typo");
    reconcile(unsure);
    assertThat(reason(unsure)).isEqualTo("Synced");
  }

  @Test
  void syncedResourcesComeBackInTheirResyncSlotAndWriteNothingWhenUnchanged() {
    DatadogWebhook w = resource("steady");
    UpdateControl<DatadogWebhook> first = reconcile(w);
    assertThat(first.isPatchStatus()).isTrue();
    long slot = first.getScheduleDelay().orElseThrow();
    assertThat(slot).as("the resource's own slot, half to one and a half intervals away")
        .isBetween(RESYNC.toMillis() / 2, RESYNC.toMillis() * 3 / 2);
    assertThat(reason(w)).isEqualTo("Synced");
    assertThat(checkpoints).as("the name was recorded before the create").containsExactly("steady");
    assertThat(w.getStatus().getRemoteName()).isEqualTo("steady");
    assertThat(w.getStatus().getPendingName()).isNull();
    assertThat(events).containsExactly("Normal Created: created webhook 'steady' in Datadog");
    assertThat(datadog.calls()).as("status proved it never existed: a POST, no GET").containsExactly("CREATE steady");

    UpdateControl<DatadogWebhook> early = reconcile(w);
    assertThat(early.isNoUpdate()).as("same status: no status write either").isTrue();
    assertThat(datadog.calls()).as("verified within the interval, nothing changed: no call").hasSize(1);
    assertThat(early.getScheduleDelay()).contains(slot);

    clock.advance(Duration.ofMillis(slot));
    UpdateControl<DatadogWebhook> due = reconcile(w);
    assertThat(datadog.calls()).as("its slot came: one read, no write").containsExactly("CREATE steady", "GET steady");
    assertThat(due.isNoUpdate()).isTrue();
    assertThat(due.getScheduleDelay().orElseThrow()).as("the same slot, one interval on").isEqualTo(RESYNC.toMillis());
  }

  @Test
  void aRestartedOperatorLeavesASettledResourceAloneUntilItsSlot() {
    DatadogWebhook w = resource("settled");
    reconcile(w);
    clock.advance(Duration.ofSeconds(30));
    // a new process: nothing in memory, only what status says
    DatadogWebhookReconciler restarted = new DatadogWebhookReconciler(settings(clock));
    UpdateControl<DatadogWebhook> control = restarted.reconcile(w, List.of());
    assertThat(datadog.calls()).as("converged 30 s ago for these exact inputs: no call").containsExactly(
        "CREATE settled");
    assertThat(control.isNoUpdate()).isTrue();
    assertThat(control.getScheduleDelay().orElseThrow()).isPositive();

    // changed while the operator was down: converged at once
    w.getSpec().setUrl("https://changed.example.com");
    w.getMetadata().setGeneration(2L);
    restarted.reconcile(w, List.of());
    assertThat(datadog.writes()).containsExactly("CREATE settled", "UPDATE settled");
    // a Secret value changed: the fingerprint no longer matches; a status from another org: not settled either
    clock.advance(Duration.ofSeconds(1));
    DatadogWebhookReconciler again = new DatadogWebhookReconciler(settings(clock));
    w.getStatus().setSecretVersions(Map.of("s", "0"));
    again.reconcile(w, List.of());
    assertThat(datadog.calls()).as("Secret versions differ: read again").endsWith("GET settled");
  }

  @Test
  void aRejectedSpecIsNotRetriedUntilItChanges() {
    DatadogWebhook w = resource("rejected");
    datadog.fail(Operation.CREATE, EmulatedDatadog.Failure.of(400, "Invalid webhook"));
    UpdateControl<DatadogWebhook> control = reconcile(w);
    assertThat(reason(w)).isEqualTo("DatadogRejected");
    assertThat(ReadyCondition.of(w.getStatus()).orElseThrow().getMessage()).contains("Invalid webhook");
    assertThat(control.getScheduleDelay()).as("no retry timer").isEmpty();
    assertThat(w.getStatus().getPendingName()).as("a refusal voids the recorded name").isNull();
    int calls = datadog.calls().size();

    UpdateControl<DatadogWebhook> again = reconcile(w);
    assertThat(again.getScheduleDelay()).isEmpty();
    assertThat(datadog.calls()).as("no call for the same refused state").hasSize(calls);
    assertThat(events).filteredOn(e -> e.contains("DatadogRejected")).as("reported once").hasSize(1);

    w.getSpec().setUrl("https://fixed.example.com");
    w.getMetadata().setGeneration(2L);
    reconcile(w);
    assertThat(reason(w)).isEqualTo("Synced");
    assertThat(w.getStatus().getRejectedFingerprint()).isNull();
  }

  @Test
  void rateLimitsWaitForTheResetAndOtherFailuresBackOff() {
    DatadogWebhook limited = resource("limited");
    datadog.fail(Operation.CREATE, new EmulatedDatadog.Failure(429, List.of("Rate limit exceeded"),
        Duration.ofSeconds(7)));
    assertThat(reconcile(limited).getScheduleDelay()).contains(7_500L);
    assertThat(reason(limited)).isEqualTo("RateLimited");

    DatadogWebhook down = resource("down");
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      datadog.fail(Operation.CREATE, EmulatedDatadog.Failure.of(503, "Service Unavailable"));
      delays.add(reconcile(down).getScheduleDelay().orElseThrow());
    }
    assertThat(reason(down)).isEqualTo("DatadogUnavailable");
    assertThat(delays).containsExactly(2_000L, 4_000L, 8_000L);

    DatadogWebhook forbidden = resource("forbidden");
    datadog.fail(Operation.CREATE, EmulatedDatadog.Failure.of(403, "Forbidden"));
    assertThat(reconcile(forbidden).getScheduleDelay()).contains(Duration.ofMinutes(5).toMillis());
    assertThat(reason(forbidden)).isEqualTo("DatadogAuthFailed");

    assertThat(reconcile(down).getScheduleDelay().orElseThrow()).isBetween(RESYNC.toMillis() / 2,
        RESYNC.toMillis() * 3 / 2);
    assertThat(reason(down)).isEqualTo("Synced");
  }

  @Test
  void aFailureNobodyAnticipatedReachesStatusWithoutTheInputAndBacksOff() {
    DatadogWebhook buggy = resource("buggy");
    secretData.put(new SecretKeySelector("s", "url"), "https://h.example.com/T0KEN-abc");
    buggy.getSpec().setUrl(null);
    buggy.getSpec().setUrlFrom(io.ddwebhooks.operator.crd.ValueSource.secret("s", "url"));
    datadog.throwNext(new IllegalStateException("broke on https://h.example.com/T0KEN-abc"));
    UpdateControl<DatadogWebhook> control = reconcile(buggy);
    assertThat(reason(buggy)).isEqualTo("InternalError");
    assertThat(ReadyCondition.of(buggy.getStatus()).orElseThrow().getStatus()).isEqualTo("False");
    assertThat(ReadyCondition.of(buggy.getStatus()).orElseThrow().getMessage())
        .contains("IllegalStateException").doesNotContain("T0KEN");
    assertThat(control.getScheduleDelay()).contains(2_000L);
    datadog.throwNext(new IllegalStateException("again"));
    assertThat(reconcile(buggy).getScheduleDelay()).as("backoff grows").contains(4_000L);
    assertThat(events).anyMatch(e -> e.startsWith("Warning InternalError")).noneMatch(e -> e.contains("T0KEN"));
    assertThat(datadog.webhookNames()).doesNotContain("buggy");
    reconcile(buggy);
    assertThat(reason(buggy)).as("recovers by itself").isEqualTo("Synced");
  }

  /** Issue 22: SIGTERM interrupts in-flight reconciles; that is not an outage, and nothing is reported. */
  @Test
  void aReconcileCutShortByAStoppingOperatorReportsNothing() {
    DatadogWebhook w = resource("settled");
    reconcile(w);
    assertThat(reason(w)).isEqualTo("Synced");
    events.clear();
    String before = String.valueOf(w.getStatus().getConditions());

    // cut short inside a Datadog call (the client saw the interrupt), then by something else while interrupted
    datadog.throwNext(io.ddwebhooks.operator.datadog.DatadogApiException.stopping("GET webhook 'settled'"));
    w.getSpec().setUrl("https://changed.example.com");
    w.getMetadata().setGeneration(2L);
    UpdateControl<DatadogWebhook> cut = reconcile(w);
    assertThat(Thread.interrupted()).as("the interrupt stays set for the executor").isTrue();
    Thread.currentThread().interrupt();
    datadog.throwNext(new IllegalStateException("interrupted I/O somewhere"));
    UpdateControl<DatadogWebhook> cutAgain = reconcile(w);
    Thread.interrupted();

    assertThat(events).as("no Event").isEmpty();
    assertThat(String.valueOf(w.getStatus().getConditions())).as("no status change").isEqualTo(before);
    assertThat(cut.isPatchStatus()).isFalse();
    assertThat(cutAgain.isPatchStatus()).isFalse();
    assertThat(cut.getScheduleDelay()).hasValueSatisfying(d -> assertThat(d).isBetween(1_000L, 3_000L));
    assertThat(datadog.webhook("settled").orElseThrow().url()).isNotEqualTo("https://changed.example.com");
  }

  @Test
  void inputNoCheckCaughtBeforeIsRefusedBeforeAnyCall() {
    // arrays nested 1000 deep: once valid to the parser, then threw while rendering; now over the nesting limit
    DatadogWebhook deep = resource("deep");
    deep.getSpec().setPayload("[".repeat(1000) + "\"needle-value\"" + "]".repeat(1000));
    assertThat(reconcile(deep).getScheduleDelay()).isEmpty();
    assertThat(reason(deep)).isEqualTo("InvalidSpec");
    assertThat(ReadyCondition.of(deep.getStatus()).orElseThrow().getMessage()).contains("nested deeper than 64")
        .doesNotContain("needle-value");
    assertThat(datadog.calls()).isEmpty();
  }

  @Test
  void deletionKeepsTheFinalizerWhileDatadogFailsAndForgetsTheResourceAfter() {
    DatadogWebhook w = resource("to-delete");
    reconcile(w);
    datadog.fail(Operation.GET, EmulatedDatadog.Failure.of(500, "boom"));
    reconcile(w);
    assertThat(reconciler.trackedFailures()).as("a backoff count (a literal URL: no Secret values to remember)")
        .isEqualTo(1);

    datadog.fail(Operation.DELETE, EmulatedDatadog.Failure.of(500, "Internal Server Error"));
    DeleteControl failed = reconciler.cleanup(w, null);
    assertThat(failed.isRemoveFinalizer()).isFalse();
    assertThat(failed.getScheduleDelay()).isPresent();
    assertThat(datadog.webhookNames()).contains("to-delete");

    DeleteControl done = reconciler.cleanup(w, null);
    assertThat(done.isRemoveFinalizer()).isTrue();
    assertThat(datadog.webhookNames()).doesNotContain("to-delete");
    assertThat(reconciler.trackedFailures()).as("backoff state goes with the resource").isZero();

    DatadogWebhook neverCreated = resource("never");
    assertThat(reconciler.cleanup(neverCreated, null).isRemoveFinalizer()).isTrue();
    assertThat(datadog.calls()).noneMatch(c -> c.endsWith(" never"));
  }

  @Test
  void ownChecksStopBeforeAnyDatadogCall() {
    DatadogWebhook invalid = resource("bad.name");
    assertThat(reconcile(invalid).getScheduleDelay()).isEmpty();
    assertThat(reason(invalid)).isEqualTo("InvalidSpec");

    DatadogWebhook missing = webhookFromSecret("loop", "missing", "s", "absent");
    missing.getMetadata().setGeneration(1L);
    assertThat(reconcile(missing).getScheduleDelay()).as("the Secret watch brings it back").isEmpty();
    assertThat(reason(missing)).isEqualTo("SecretNotFound");

    DatadogWebhook paused = resource("paused");
    paused.getMetadata().setAnnotations(Map.of(Annotations.PAUSED, "true"));
    assertThat(reconcile(paused).getScheduleDelay()).isEmpty();
    assertThat(ReadyCondition.of(paused.getStatus()).orElseThrow().getStatus()).isEqualTo("True");

    DatadogWebhook holder = resource("first");
    holder.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
    DatadogWebhook second = resource("second");
    second.getSpec().setName("first");
    second.getMetadata().setCreationTimestamp("2026-02-01T00:00:00Z");
    assertThat(reconcile(second, List.of(holder, second)).getScheduleDelay()).contains(RESYNC.toMillis());
    assertThat(reason(second)).isEqualTo("NameConflict");

    assertThat(datadog.calls()).isEmpty();
  }

  @Test
  void observeOnlyReadsAndNeverWrites() {
    DatadogWebhook w = resource("watched");
    w.getSpec().setManagementPolicy(ManagementPolicy.ObserveOnly);
    reconcile(w);
    assertThat(reason(w)).isEqualTo("RemoteNotFound");
    datadog.put(new io.ddwebhooks.operator.datadog.Webhook("watched", "https://b.example.com",
        io.ddwebhooks.operator.datadog.Webhook.DEFAULT_PAYLOAD, null, "json"));
    reconcile(w);
    assertThat(reason(w)).isEqualTo("DriftDetected");
    assertThat(ReadyCondition.of(w.getStatus()).orElseThrow().getMessage()).contains("url");
    assertThat(datadog.writes()).isEmpty();
    assertThat(reconciler.cleanup(w, null).isRemoveFinalizer()).isTrue();
    assertThat(datadog.writes()).isEmpty();
  }

  @Test
  void aWebhookChangedOutsideKubernetesIsRestoredAndCountedAsDrift() {
    DatadogWebhook w = resource("drifty");
    reconcile(w);
    clock.advance(RESYNC.multipliedBy(2));
    datadog.put(new io.ddwebhooks.operator.datadog.Webhook("drifty", "https://evil.example.com",
        io.ddwebhooks.operator.datadog.Webhook.DEFAULT_PAYLOAD, null, "json"));
    reconcile(w);
    assertThat(datadog.webhook("drifty").orElseThrow().url()).isEqualTo("https://a.example.com");
    assertThat(w.getStatus().getDriftCorrections()).isEqualTo(1);
    assertThat(events).anyMatch(e -> e.startsWith("Warning DriftCorrected") && e.contains("url"));

    datadog.removeWebhook("drifty");
    clock.advance(RESYNC.multipliedBy(2));
    reconcile(w);
    assertThat(datadog.webhookNames()).contains("drifty");
    assertThat(w.getStatus().getDriftCorrections()).isEqualTo(2);
  }

  @Test
  void aLostRenameAnswerNeverMakesAnAuthMethodSomeoneElseMadeUnderTheNewNameThisResources() {
    DatadogWebhookAuthMethodReconciler authMethods = new DatadogWebhookAuthMethodReconciler(settings(clock));
    secretData.put(new SecretKeySelector("oauth", "clientSecret"), "mine");
    io.ddwebhooks.operator.crd.DatadogWebhookAuthMethod m = io.ddwebhooks.operator.testing.Fixtures.authMethod(
        "loop", "servicenow", "servicenow-v2", "oauth");
    m.getMetadata().setGeneration(1L);
    m.getMetadata().setUid(UUID.randomUUID().toString());
    // status: it owned "servicenow" (gone from Datadog since); a rename to "servicenow-v2" was sent, answer lost
    io.ddwebhooks.operator.sync.AuthMethodKind kind = new io.ddwebhooks.operator.sync.AuthMethodKind();
    String sent = kind.recognizable(kind.render(m.getSpec(), "servicenow", new SecretValues(
        Map.of(new SecretKeySelector("oauth", "clientSecret"), "mine"), Map.of()),
        io.ddwebhooks.operator.sync.ResourceKind.History.NONE));
    DatadogResourceStatus status = new DatadogResourceStatus();
    status.setRemoteName("servicenow");
    status.setId("id-of-servicenow");
    PendingWrite.record(status, "servicenow-v2", sent, FINGERPRINTS);
    m.setStatus(status);
    // another tenant's (or a UI-made) auth method under the new name, with its own token URL
    datadog.emulator.putAuthMethodOutOfBand("servicenow-v2", "https://theirs.example.com/token", "client-a",
        "theirs");
    String theirs = datadog.storedAuthMethod("servicenow-v2").orElseThrow().get("id").asText();

    UpdateControl<io.ddwebhooks.operator.crd.DatadogWebhookAuthMethod> control = authMethods.reconcile(m, List.of());
    DatadogResourceStatus after = control.getResource().orElseThrow().getStatus();
    assertThat(ReadyCondition.reason(after)).contains("NameConflict");
    assertThat(after.getId()).as("their object is not recorded as this resource's").isNotEqualTo(theirs);
    assertThat(datadog.writes()).as("no PATCH of their object").isEmpty();
    assertThat(datadog.storedAuthMethod("servicenow-v2").orElseThrow().get("client_secret").asText())
        .isEqualTo("theirs");
  }

  @Test
  void aV1FingerprintIsUpgradedInStatusWithNoDatadogWrite() throws Exception {
    DatadogCustomVariableReconciler variables = new DatadogCustomVariableReconciler(settings(Clock.systemUTC()));
    io.ddwebhooks.operator.crd.DatadogCustomVariable v = io.ddwebhooks.operator.testing.Fixtures.variable("loop",
        "pin", "4821", true);
    v.getMetadata().setGeneration(1L);
    v.getMetadata().setUid(UUID.randomUUID().toString());
    datadog.put(new io.ddwebhooks.operator.datadog.CustomVariable("PIN", "4821", true));
    // the status an earlier version wrote: owned, applied, fingerprint in the v1 scheme
    DatadogResourceStatus status = new DatadogResourceStatus();
    status.setRemoteName("PIN");
    status.setObservedGeneration(1L);
    String canonical = new io.ddwebhooks.operator.sync.CustomVariableKind().canonical(
        new io.ddwebhooks.operator.datadog.CustomVariable("PIN", "4821", true));
    java.lang.reflect.Method legacy = Fingerprints.class.getDeclaredMethod("legacy", String.class, String.class);
    legacy.setAccessible(true);
    status.setAppliedFingerprint((String) legacy.invoke(null, "c2FsdA", canonical));
    v.setStatus(status);

    UpdateControl<io.ddwebhooks.operator.crd.DatadogCustomVariable> control = variables.reconcile(v, List.of());
    assertThat(datadog.writes()).as("no Datadog write for the upgrade").isEmpty();
    assertThat(control.isPatchStatus()).isTrue();
    String upgraded = control.getResource().orElseThrow().getStatus().getAppliedFingerprint();
    assertThat(upgraded).startsWith("v2:k1:c2FsdA:");
    assertThat(ReadyCondition.reason(control.getResource().orElseThrow().getStatus())).contains("Synced");
  }

  @Test
  void aVariableFromBeforeTheSecretDefaultStaysAsItWasAndIsToldOnce() {
    DatadogCustomVariableReconciler variables = new DatadogCustomVariableReconciler(settings(Clock.systemUTC()));
    secretData.put(new SecretKeySelector("s", "k"), "token-value");
    io.ddwebhooks.operator.crd.DatadogCustomVariable v = io.ddwebhooks.operator.testing.Fixtures.variableFromSecret(
        "loop", "legacy", "s", "k", false);
    v.getSpec().setIsSecret(null);
    v.getMetadata().setGeneration(1L);
    v.getMetadata().setUid(UUID.randomUUID().toString());
    datadog.put(new io.ddwebhooks.operator.datadog.CustomVariable("LEGACY", "token-value", false));
    DatadogResourceStatus status = new DatadogResourceStatus();
    status.setRemoteName("LEGACY");
    status.setObservedGeneration(1L);
    v.setStatus(status);

    UpdateControl<io.ddwebhooks.operator.crd.DatadogCustomVariable> first = variables.reconcile(v, List.of());
    assertThat(datadog.writes()).as("not turned secret behind the user's back").isEmpty();
    assertThat(events).filteredOn(e -> e.startsWith("Warning SetExplicitly")).hasSize(1);
    v.setStatus(first.getResource().orElseThrow().getStatus());
    assertThat(v.getStatus().getAppliedIsSecret()).isFalse();
    variables.reconcile(v, List.of());
    assertThat(events).filteredOn(e -> e.startsWith("Warning SetExplicitly")).as("told once").hasSize(1);
    assertThat(datadog.writes()).isEmpty();
  }

  /** Events as text, for the tests that build a second reconciler. */
  private record RecordingEvents(List<String> events) implements EventSink {
    @Override
    public void normal(HasMetadata resource, String reason, String message) {
      events.add("Normal " + reason + ": " + message);
    }

    @Override
    public void warning(HasMetadata resource, String reason, String message) {
      events.add("Warning " + reason + ": " + message);
    }
  }
}
