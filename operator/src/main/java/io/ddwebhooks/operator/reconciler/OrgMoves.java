package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.crd.OrgMove;
import io.ddwebhooks.operator.crd.RecordedCredentials;
import io.ddwebhooks.operator.datadog.OrgTarget;
import io.ddwebhooks.operator.datadog.WritePriority;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsResolver;
import io.ddwebhooks.operator.reconciler.credentials.OrgIdentities;
import io.ddwebhooks.operator.reconciler.kube.EventSink;
import io.ddwebhooks.operator.sync.Converger;
import io.ddwebhooks.operator.sync.Fingerprints;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.RecordedId;
import io.ddwebhooks.operator.sync.ResourcePolicy;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a resource's object to another Datadog org as a recorded, resumable operation: the old location is written
 * to status.movingFrom before anything else, the object is created in the new org by the usual crash-safe create,
 * then (deletionPolicy Delete) deleted from the old org, then the record is cleared. A restart anywhere resumes from
 * the record: the create recognises its own object, and a delete of an object already gone succeeds. When the old
 * org cannot be reached any more, the old copy is left, named in status.oldCopy and a Warning Event.
 *
 * <p>An org change is a move unless status proves the object is in the org the resource now resolves to (see
 * {@link OrgIdentities}): two credentials that only look alike (the same URL, say) are two orgs. The old copy is
 * deleted only through credentials that still reach that very org, and, when it was only pending there, only if it
 * holds exactly what was sent.
 */
final class OrgMoves {

  private static final Logger LOG = LoggerFactory.getLogger(OrgMoves.class);

  private final OrgStep orgs;
  private final EventSink events;
  private final Fingerprints fingerprints;

  OrgMoves(OrgStep orgs, EventSink events, Fingerprints fingerprints) {
    this.orgs = orgs;
    this.events = events;
    this.fingerprints = fingerprints;
  }

  /**
   * Starts a move when the resource owns (or was creating) an object in another org than {@code to}: records where
   * it is (the object is no longer this resource's in the new org until it is created there). True when a move is
   * under way.
   */
  boolean start(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource, StatusDraft draft,
      CredentialsResolver.Org to) {
    DatadogResourceStatus status = draft.status();
    if (status.getMovingFrom() != null) {
      return true;
    }
    String owned = status.getRemoteName() != null ? status.getRemoteName() : status.getPendingName();
    if (owned == null || orgs.recordedIn(resource, to)) {
      return false;
    }
    // a name that was only pending there: deleted later only if it holds what was sent
    String pending = status.getRemoteName() == null ? status.getPendingFingerprint() : null;
    OrgMove from = new OrgMove(orgs.recorded(resource), owned, pending);
    RecordedId.of(status).ifPresent(recorded -> from.setId(recorded.id())); // status.id is the new org's from now on
    startMove(draft.status(), from, to.record());
    draft.persistNow();
    LOG.info("moving {} to {} from {}", owned, describe(to.record().getRef(), to.record().getOrg()), describe(from));
    return true;
  }

  /**
   * The object now exists in the new org: deletes the old copy (or leaves it: deletionPolicy Orphan, or its org
   * cannot be reached) and clears the record. Returns {@code converged}, or the old org's failure to retry on.
   */
  Outcome finish(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource, StatusDraft draft,
      ResourcePolicy policy, Outcome converged, Convergers<?> convergers) {
    OrgMove from = draft.status().getMovingFrom();
    String to = describe(draft.status().getCredentials().getRef(), draft.status().getCredentials().getOrg());
    String name = draft.status().getRemoteName();
    if (policy.orphanOnDelete()) {
      events.normal(resource, "Moved", "moved '" + name + "' to " + to + "; the copy in " + describe(from)
          + " is left there by deletionPolicy Orphan");
      finishMove(draft.status(), null);
      return converged;
    }
    Optional<Converger<?>> old = oldOrg(resource, from)
        .map(target -> oldCopy(convergers, target, resource.getMetadata().getNamespace()));
    if (old.isEmpty()) {
      events.warning(resource, "OldCopyLeft", "moved '" + name + "' to " + to + ", but " + describe(from)
          + " cannot be reached any more (its credentials or keys are gone, or now reach another org): its copy '"
          + from.getName() + "' is left there; delete it by hand (status.oldCopy)");
      finishMove(draft.status(), from);
      return converged;
    }
    Outcome deleted = deleteOld(old.get(), from);
    if (deleted instanceof Outcome.Conflict left) {
      events.warning(resource, "OldCopyLeft", "moved '" + name + "' to " + to + "; in " + describe(from) + ": "
          + left.message());
      finishMove(draft.status(), from);
      return converged;
    }
    if (!(deleted instanceof Outcome.Synced)) {
      // the new copy exists; the old one is retried until it is gone (the record stays)
      return deleted;
    }
    events.normal(resource, "Moved", "moved '" + name + "' to " + to + " and deleted the copy '" + from.getName()
        + "' in " + describe(from));
    finishMove(draft.status(), null);
    return converged;
  }

  /** For a deleted resource: deletes the copy it was moving away from, unless policy or reachability says not. */
  Optional<Outcome> deleteOld(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource,
      Convergers<?> convergers) {
    OrgMove from = resource.getStatus() == null ? null : resource.getStatus().getMovingFrom();
    if (from == null) {
      return Optional.empty();
    }
    Optional<Converger<?>> old = oldOrg(resource, from)
        .map(target -> oldCopy(convergers, target, resource.getMetadata().getNamespace()));
    if (old.isEmpty()) {
      events.warning(resource, "OldCopyLeft", "the copy '" + from.getName() + "' in " + describe(from)
          + " is left there: that org cannot be reached any more");
      return Optional.empty();
    }
    Outcome deleted = deleteOld(old.get(), from);
    if (deleted instanceof Outcome.Conflict left) {
      events.warning(resource, "OldCopyLeft", "in " + describe(from) + ": " + left.message());
      return Optional.empty();
    }
    return Optional.of(deleted);
  }

  private Outcome deleteOld(Converger<?> old, OrgMove from) {
    String sent = from.getPendingFingerprint();
    // an id recorded there is the old copy (even renamed since); without one, its name, as before
    Optional<RecordedId> id = Optional.ofNullable(from.getId()).map(i -> new RecordedId(from.getName(), i));
    return sent == null ? old.recorded(id).delete(from.getName())
        : old.deleteIfSent(from.getName(), text -> fingerprints.matches(sent, text));
  }

  /**
   * Deleting the old copy is part of a user's change of {@code tenant} (the resource's namespace, which takes turns
   * with the others in the write queue); it holds no place in the queue before it writes.
   */
  private static Converger<?> oldCopy(Convergers<?> convergers, OrgTarget target, String tenant) {
    return convergers.at(target, WritePriority.USER_CHANGE, tenant);
  }

  /** The old org's target, only if its credentials still reach that very org. */
  private Optional<OrgTarget> oldOrg(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource,
      OrgMove from) {
    CredentialsResolver.Resolved old = orgs.recordedOrg(resource.getMetadata().getNamespace(),
        new RecordedCredentials(from.getRef(), from.getOrg(), from.getUid(), from.getIdentity()));
    return old instanceof CredentialsResolver.Org org ? Optional.of(org.target()) : Optional.empty();
  }

  /** Records a move before acting; nothing is owned in the new org until it is created. */
  private static void startMove(DatadogResourceStatus status, OrgMove from, RecordedCredentials to) {
    status.setMovingFrom(from);
    status.setRemoteName(null);
    status.setId(null);
    PendingWrite.clear(status);
    status.setAppliedFingerprint(null);
    status.setRejectedFingerprint(null);
    status.setCredentials(to);
  }

  /** The move is over; {@code leftBehind}: a copy that could not be deleted, for an admin to clean up. */
  private static void finishMove(DatadogResourceStatus status, OrgMove leftBehind) {
    status.setMovingFrom(null);
    if (leftBehind != null) {
      status.setOldCopy(leftBehind);
    }
  }

  static String describe(OrgMove where) {
    return describe(where.getRef(), where.getOrg());
  }

  /** An org as users see it: the credentials' name and where the org is (scheme, host, port), never a key. */
  static String describe(String ref, String org) {
    return "the Datadog org at " + OrgTarget.displayRecorded(org) + " (credentials " + ref + ")";
  }
}
