package io.ddwebhooks.operator.lifecycle;

import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.config.AdoptionScope;
import io.ddwebhooks.operator.crd.Annotations;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.DeletionPolicy;
import io.ddwebhooks.operator.crd.ManagementPolicy;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ownership and the policies a user sets on a resource, through the whole operator. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PoliciesIT {

  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = OperatorHarness.start(c -> c.withAdoption(AdoptionScope.parse("adopt-ok"))
        .withMinResourceInterval(java.time.Duration.ofSeconds(5)));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T annotate(T r, String key, String value) {
    Map<String, String> a = r.getMetadata().getAnnotations() == null ? new HashMap<>()
        : new HashMap<>(r.getMetadata().getAnnotations());
    a.put(key, value);
    r.getMetadata().setAnnotations(a);
    return r;
  }

  @Test
  void adoptionWhereAllowed() {
    h.datadog.putWebhookOutOfBand("legacy-hook", "https://old.example.com");
    h.create(annotate(webhook("adopt-ok", "legacy-hook", "https://new.example.com"), Annotations.ADOPT, "true"));
    h.awaitSynced(DatadogWebhook.class, "adopt-ok", "legacy-hook");
    assertThat(h.datadog.webhook("legacy-hook").orElseThrow().get("url").asText()).isEqualTo("https://new.example.com");
    assertThat(h.writesFor("legacy-hook")).extracting(RecordedCall::method).containsExactly("PUT");
    await().untilAsserted(() -> assertThat(h.events("adopt-ok", "legacy-hook")).extracting(Event::getReason)
        .contains("Adopted"));

    // adopted means owned: deletion deletes it
    h.delete(DatadogWebhook.class, "adopt-ok", "legacy-hook");
    h.awaitGone(DatadogWebhook.class, "adopt-ok", "legacy-hook");
    assertThat(h.datadog.webhook("legacy-hook")).isEmpty();
  }

  @Test
  void adoptionRefusedElsewhereSaysWhy() {
    h.datadog.putWebhookOutOfBand("org-wide", "https://org.example.com");
    h.create(annotate(webhook("adopt-no", "org-wide", "https://mine.example.com"), Annotations.ADOPT, "true"));
    var condition = h.awaitReason(DatadogWebhook.class, "adopt-no", "org-wide", Reason.NameConflict);
    assertThat(condition.getMessage()).contains("does not allow it in namespace 'adopt-no'");
    assertThat(h.writesFor("org-wide")).isEmpty();
    h.delete(DatadogWebhook.class, "adopt-no", "org-wide");
    h.awaitGone(DatadogWebhook.class, "adopt-no", "org-wide");
    assertThat(h.datadog.webhook("org-wide")).isPresent();
  }

  @Test
  void twoResourcesClaimingOneNameTheEarlierKeepsIt() {
    h.create(webhook("team-a", "shared", "https://a.example.com"));
    h.awaitSynced(DatadogWebhook.class, "team-a", "shared");
    h.create(annotate(webhook("team-b", "shared", "https://b.example.com"), Annotations.RESYNC_INTERVAL, "5s"));
    var condition = h.awaitReason(DatadogWebhook.class, "team-b", "shared", Reason.NameConflict);
    assertThat(condition.getMessage()).contains("claimed by a resource of another namespace")
        .as("another namespace's resources are not named").doesNotContain("team-a");
    assertThat(h.datadog.webhook("shared").orElseThrow().get("url").asText()).isEqualTo("https://a.example.com");

    // the later one never deletes the remote object
    h.create(webhook("team-c", "shared", "https://c.example.com"));
    h.awaitReason(DatadogWebhook.class, "team-c", "shared", Reason.NameConflict);
    h.delete(DatadogWebhook.class, "team-c", "shared");
    h.awaitGone(DatadogWebhook.class, "team-c", "shared");
    assertThat(h.datadog.webhook("shared")).isPresent();

    // when the owner goes, the other takes over on its next reconcile
    h.delete(DatadogWebhook.class, "team-a", "shared");
    h.awaitGone(DatadogWebhook.class, "team-a", "shared");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(h.datadog.webhook("shared").map(w -> w.get("url").asText())).contains("https://b.example.com"));
    h.awaitSynced(DatadogWebhook.class, "team-b", "shared");
  }

  @Test
  void orphanLeavesTheObjectInDatadog() {
    DatadogWebhook w = webhook("policies", "kept-hook", "https://a.example.com");
    w.getSpec().setDeletionPolicy(DeletionPolicy.Orphan);
    h.create(w);
    h.awaitSynced(DatadogWebhook.class, "policies", "kept-hook");
    h.delete(DatadogWebhook.class, "policies", "kept-hook");
    h.awaitGone(DatadogWebhook.class, "policies", "kept-hook");
    assertThat(h.datadog.webhook("kept-hook")).isPresent();
    assertThat(h.writesFor("kept-hook")).extracting(RecordedCall::method).containsExactly("POST");
    assertThat(h.events("policies", "kept-hook")).anyMatch(e -> e.getReason().equals("Orphaned")
        && e.getMessage().contains("deletionPolicy is Orphan"));
  }

  @Test
  void pauseStopsAllCallsAndResumes() {
    h.create(webhook("policies", "pausable", "https://a.example.com"));
    h.awaitSynced(DatadogWebhook.class, "policies", "pausable");
    h.edit(DatadogWebhook.class, "policies", "pausable", w -> annotate(w, Annotations.PAUSED, "true"));
    var paused = h.awaitReason(DatadogWebhook.class, "policies", "pausable", Reason.Paused);
    assertThat(paused.getStatus()).as("Ready while paused, so deploys that wait pass").isEqualTo("True");
    int calls = h.callsFor("pausable").size();

    h.edit(DatadogWebhook.class, "policies", "pausable", w -> {
      w.getSpec().setUrl("https://b.example.com");
      return w;
    });
    h.awaitReason(DatadogWebhook.class, "policies", "pausable", Reason.Paused);
    assertThat(h.callsFor("pausable")).as("no Datadog call while paused").hasSize(calls);

    h.edit(DatadogWebhook.class, "policies", "pausable", w -> {
      w.getMetadata().getAnnotations().remove(Annotations.PAUSED);
      return w;
    });
    h.awaitSynced(DatadogWebhook.class, "policies", "pausable");
    assertThat(h.datadog.webhook("pausable").orElseThrow().get("url").asText()).isEqualTo("https://b.example.com");
  }

  @Test
  void observeOnlyReportsDriftAndNeverWrites() {
    h.datadog.putWebhookOutOfBand("watched", "https://actual.example.com");
    DatadogWebhook w = annotate(webhook("policies", "watched", "https://wanted.example.com"),
        Annotations.RESYNC_INTERVAL, "5s");
    w.getSpec().setManagementPolicy(ManagementPolicy.ObserveOnly);
    h.create(w);
    var drift = h.awaitReason(DatadogWebhook.class, "policies", "watched", Reason.DriftDetected);
    assertThat(drift.getMessage()).contains("differs in Datadog (url)").doesNotContain("actual.example.com");

    h.datadog.editWebhookOutOfBand("watched", "url", "https://wanted.example.com");
    h.awaitSynced(DatadogWebhook.class, "policies", "watched");

    h.delete(DatadogWebhook.class, "policies", "watched");
    h.awaitGone(DatadogWebhook.class, "policies", "watched");
    assertThat(h.datadog.webhook("watched")).isPresent();
    assertThat(h.writesFor("watched")).isEmpty();

    DatadogWebhook absent = webhook("policies", "not-there", "https://x.example.com");
    absent.getSpec().setManagementPolicy(ManagementPolicy.ObserveOnly);
    h.create(absent);
    h.awaitReason(DatadogWebhook.class, "policies", "not-there", Reason.RemoteNotFound);
    assertThat(h.writesFor("not-there")).isEmpty();
  }

  @Test
  void reapplyIntervalRestoresASecretValueChangedOutOfBand() {
    h.create(annotate(variable("policies", "api-token", "the-real-token", true), Annotations.REAPPLY_INTERVAL,
        "5s"));
    h.awaitSynced(DatadogCustomVariable.class, "policies", "api-token");
    h.datadog.putVariableOutOfBand("API_TOKEN", "tampered", true);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(h.datadog.storedVariable("API_TOKEN").orElseThrow().get("value").asText())
            .isEqualTo("the-real-token"));
  }

  @Test
  void renameWarnsAboutMonitors() {
    h.create(webhook("policies", "old-name", "https://a.example.com"));
    h.awaitSynced(DatadogWebhook.class, "policies", "old-name");
    h.edit(DatadogWebhook.class, "policies", "old-name", w -> {
      w.getSpec().setName("new-name");
      return w;
    });
    await().untilAsserted(() -> assertThat(h.events("policies", "old-name")).anyMatch(e -> e.getType()
        .equals("Warning") && e.getReason().equals("RenameNotice")
        && e.getMessage().contains("monitors that notify @webhook-old-name")));
  }

  @Test
  void badAnnotationIsAnInvalidSpec() {
    h.create(annotate(webhook("policies", "bad-interval", "https://a.example.com"), Annotations.RESYNC_INTERVAL,
        "often"));
    var condition = h.awaitReason(DatadogWebhook.class, "policies", "bad-interval", Reason.InvalidSpec);
    assertThat(condition.getMessage()).contains("ddwebhooks.io/resync-interval 'often' is not a duration");
  }
}
