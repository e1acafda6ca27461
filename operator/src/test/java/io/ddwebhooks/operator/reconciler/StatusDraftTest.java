package io.ddwebhooks.operator.reconciler;

import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.reconciler.kube.StatusJson;
import io.ddwebhooks.operator.status.Kstatus;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.sync.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusDraftTest {

  private static final Instant T1 = Instant.parse("2026-01-01T11:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void copiedStatusIsEqualAndIndependent() {
    DatadogResourceStatus status = new DatadogResourceStatus();
    ReadyCondition.set(status, 1, Reason.Synced, "in sync", T1);
    status.setSecretVersions(Map.of("s", "1"));
    DatadogResourceStatus copy = StatusJson.copy(status);
    assertThat(StatusJson.same(copy, status)).isTrue();
    ReadyCondition.set(copy, 2, Reason.Synced, "in sync", T2);
    assertThat(StatusJson.same(copy, status)).isFalse();
    assertThat(status.getObservedGeneration()).isEqualTo(1);
    assertThat(StatusJson.same(new DatadogResourceStatus(), null)).isFalse();
  }

  @Test
  void aChangeStillBeingRetriedKeepsAChangesPriorityAResyncOrAReportDoesNot() {
    DatadogWebhook w = webhook("ns", "w", "https://x");
    w.getMetadata().setGeneration(2L);
    DatadogResourceStatus status = new DatadogResourceStatus();
    w.setStatus(status);
    Map<String, String> versions = Map.of();
    assertThat(StatusDraft.open(w, io.ddwebhooks.operator.sync.Fingerprints.ephemeral()).userChange(versions))
        .as("generation 2 never observed").isTrue();
    for (Reason reason : Reason.values()) {
      ReadyCondition.set(status, 2, reason, "m", T1);
      boolean retried = io.ddwebhooks.operator.status.Kstatus.of(reason.name())
          == io.ddwebhooks.operator.status.Kstatus.Progress.RECONCILING;
      assertThat(StatusDraft.open(w, io.ddwebhooks.operator.sync.Fingerprints.ephemeral()).userChange(versions))
          .as("observed, Ready reason %s", reason).isEqualTo(retried);
    }
    ReadyCondition.set(status, 2, Reason.DatadogUnavailable, "503", T1);
    assertThat(StatusDraft.open(w, io.ddwebhooks.operator.sync.Fingerprints.ephemeral()).userChange(versions))
        .as("a write that failed with 503 is retried as the change it is, not as a resync").isTrue();
  }

  @Test
  void noChangeMeansNoStatusPatch() {
    DatadogWebhook w = webhook("ns", "w", "https://x");
    w.getMetadata().setGeneration(1L);
    StatusDraft draft = StatusDraft.open(w, io.ddwebhooks.operator.sync.Fingerprints.ephemeral());
    draft.ready(Reason.Synced, "ok", T1);
    assertThat(draft.control(w, Optional.empty(), true).isPatchStatus()).isTrue();

    StatusDraft again = StatusDraft.open(w, io.ddwebhooks.operator.sync.Fingerprints.ephemeral());
    again.ready(Reason.Synced, "ok", T2);
    assertThat(again.control(w, Optional.empty(), true).isNoUpdate()).isTrue();
  }

  @Test
  void aPendingNameACheckpointWroteAndARefusalClearedIsWrittenAway() {
    // the status the API server holds: NameConflict, no pending name
    DatadogWebhook w = storedAt(Reason.NameConflict, "taken");
    DatadogResourceStatus stored = w.getStatus();
    List<DatadogResourceStatus> written = new java.util.ArrayList<>();
    StatusDraft draft = draftOf(w, written);
    // a create records its name before the POST (persisted), Datadog says "already exists" (void again)
    draft.intent().record("w", "{}");
    draft.intent().clear();
    draft.settle(new Outcome.Conflict("taken"), "w", "fp", Map.of(), T2, null, null);
    draft.ready(Reason.NameConflict, "taken", T2);
    assertThat(written).extracting(DatadogResourceStatus::getPendingName).containsExactly("w");
    assertThat(StatusJson.same(draft.status(), stored)).as("as read").isTrue();
    // what the API server holds now has the name: it must be written away (the takeover of hole 0 began here)
    assertThat(draft.control(w, Optional.empty(), true).isPatchStatus()).isTrue();
    assertThat(w.getStatus().getPendingName()).isNull();
  }

  @Test
  void aCheckpointSaysReconcilingUntilTheFinalStatusSaysHowTheWriteWent() {
    // Synced before; a Secret rotation (no new generation) starts a write: kstatus must not read Current meanwhile
    DatadogWebhook w = storedAt(Reason.Synced, "ok");
    List<DatadogResourceStatus> checkpoints = new java.util.ArrayList<>();
    StatusDraft draft = draftOf(w, checkpoints);
    draft.intent().record("w", "{}");
    assertThat(checkpoints).singleElement().satisfies(s -> {
      assertThat(condition(s, Kstatus.RECONCILING)).isEqualTo("True " + Kstatus.WRITING);
      assertThat(condition(s, ReadyCondition.TYPE)).as("Ready stays as it was").isEqualTo("True Synced");
    });

    draft.ready(Reason.Synced, "ok", T2);
    assertThat(condition(draft.status(), Kstatus.RECONCILING)).as("gone once Ready says how it went").isNull();

    // a move to another org (status.movingFrom) says so
    draft.status().setMovingFrom(new io.ddwebhooks.operator.crd.OrgMove());
    draft.persistNow();
    assertThat(condition(checkpoints.get(1), Kstatus.RECONCILING)).isEqualTo("True " + Kstatus.MOVING);
  }

  /** A webhook of generation 1 whose stored status says {@code reason} since T1. */
  private static DatadogWebhook storedAt(Reason reason, String message) {
    DatadogWebhook w = webhook("ns", "w", "https://x");
    w.getMetadata().setGeneration(1L);
    DatadogResourceStatus stored = new DatadogResourceStatus();
    ReadyCondition.set(stored, 1, reason, message, T1);
    w.setStatus(stored);
    return w;
  }

  /** A draft of {@code w}'s status whose checkpoints (at T2) are copied into {@code checkpoints}. */
  private static StatusDraft draftOf(DatadogWebhook w, List<DatadogResourceStatus> checkpoints) {
    return StatusDraft.open(w, io.ddwebhooks.operator.sync.Fingerprints.ephemeral())
        .checkpointWith((r, s) -> checkpoints.add(StatusJson.copy(s)), Clock.fixed(T2, ZoneOffset.UTC));
  }

  private static String condition(DatadogResourceStatus status, String type) {
    return status.getConditions().stream().filter(c -> type.equals(c.getType()))
        .map(c -> c.getStatus() + " " + c.getReason()).findFirst().orElse(null);
  }

  @Test
  void settlesOwnershipByOutcome() {
    DatadogWebhook w = webhook("ns", "w", "https://x");
    StatusDraft draft = StatusDraft.open(w, io.ddwebhooks.operator.sync.Fingerprints.ephemeral());
    draft.status().setPendingName("w");
    draft.settle(
        new Outcome.Applied(Outcome.Change.CREATED, "w", List.of(), null, false, Optional.empty(), "e", "m"), "w",
        "fp1", Map.of("s", "3"), T1, null, null);
    assertThat(draft.status().getRemoteName()).isEqualTo("w");
    assertThat(draft.status().getPendingName()).isNull();
    assertThat(draft.status().getAppliedFingerprint()).isEqualTo("fp1");
    assertThat(draft.status().getLastAppliedTime()).isEqualTo("2026-01-01T11:00:00Z");
    assertThat(draft.status().getSecretVersions()).containsEntry("s", "3");

    draft.settle(new Outcome.Rejected("no"), "w", "fp2", Map.of(), T2, null, null);
    assertThat(draft.status().getRejectedFingerprint()).isEqualTo("fp2");
    assertThat(draft.status().getAppliedFingerprint()).as("what was applied stays").isEqualTo("fp1");

    draft.status().setPendingName("x");
    draft.settle(new Outcome.Conflict("taken"), "x", "fp3", Map.of(), T2, null, null);
    assertThat(draft.status().getPendingName()).isNull();

    draft.settle(
        new Outcome.Applied(Outcome.Change.UPDATED, "w", List.of("url"), null, true, Optional.empty(), "e", "m"),
        "w", "fp1", Map.of(), T2, null, null);
    assertThat(draft.status().getDriftCorrections()).isEqualTo(1);
    assertThat(draft.status().getLastDriftCorrectionTime()).isEqualTo("2026-01-01T12:00:00Z");
  }
}
