package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.Annotations;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.datadog.WritePriority;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsResolver;
import io.ddwebhooks.operator.reconciler.kube.SecretSource;
import io.ddwebhooks.operator.sync.Converger;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.RecordedId;
import io.ddwebhooks.operator.sync.Redactor;
import io.ddwebhooks.operator.sync.ResourceKind;
import io.ddwebhooks.operator.sync.ResourcePolicy;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finalizer: deletes the Datadog object a deleted resource owns, in the org status records it lives in, unless a
 * policy says to leave it; keeps the finalizer (and retries with backoff) while Datadog fails, so nothing is left
 * behind unnoticed. The org is reached only through credentials the namespace may use today that still reach that
 * very org (or their last good keys, kept for a namespace deletion); when they now reach another org, nothing is
 * sent and the reason says so. When the org can no longer be reached at all (its credentials are gone, and no keys
 * were kept in memory), it leaves the object, says so in a Warning Event, and lets the resource go, so that a
 * namespace can always be deleted. A name that was only pending (a create or rename whose answer was lost) is
 * deleted only when the object there holds exactly what was sent.
 */
final class Cleanup<R extends CustomResource<S, DatadogResourceStatus>, S extends ManagedSpec, T> {

  private static final Logger LOG = LoggerFactory.getLogger(Cleanup.class);

  private final ResourceKind<S, T> kind;
  private final OrgStep orgs;
  private final OrgMoves moves;
  private final Convergers<T> convergers;
  private final Reporter reporter;
  private final ReconcileSettings settings;
  private final RecentSecretValues applied;

  Cleanup(ResourceKind<S, T> kind, OrgStep orgs, OrgMoves moves, Convergers<T> convergers, Reporter reporter,
      ReconcileSettings settings, RecentSecretValues applied) {
    this.kind = kind;
    this.orgs = orgs;
    this.moves = moves;
    this.convergers = convergers;
    this.reporter = reporter;
    this.settings = settings;
    this.applied = applied;
  }

  DeleteControl cleanup(R resource) {
    ResourcePolicy policy = settings.policy(resource);
    DatadogResourceStatus status = resource.getStatus();
    String owned = status == null ? null : status.getRemoteName();
    // a create or rename whose answer was lost may have made this name
    String pending = status == null || status.getPendingName() == null
        || status.getPendingName().equals(owned) ? null : status.getPendingName();
    boolean moving = status != null && status.getMovingFrom() != null;
    if (owned == null && pending == null && !moving) {
      // this resource never created anything in Datadog (or lost a name conflict): nothing of ours to delete
      LOG.info("nothing to delete in Datadog: this resource owns no {}", kind.noun());
      return gone(resource);
    }
    if (policy.paused() || policy.observeOnly() || policy.orphanOnDelete()) {
      String why = policy.paused() ? "the resource is paused (" + Annotations.PAUSED + ")"
          : policy.observeOnly() ? "managementPolicy is ObserveOnly" : "deletionPolicy is Orphan";
      String what = owned != null ? owned : pending != null ? pending : status.getMovingFrom().getName();
      left(resource, "left " + kind.noun() + " '" + what + "' in Datadog: " + why, policy.paused());
      return gone(resource);
    }
    Outcome outcome = null;
    boolean letGo = false;
    if (owned != null || pending != null) {
      CredentialsResolver.Resolved org = orgs.forDeletion(resource);
      if (org instanceof CredentialsResolver.Problem problem) {
        if (problem.permanent()) {
          left(resource, "could not delete " + kind.noun() + " '" + (owned != null ? owned : pending)
              + "' from Datadog and left it there: " + problem.outcome().message() + ", and no keys of its org are"
              + " known any more", true);
          letGo = true;
        } else {
          outcome = problem.outcome();
        }
      } else {
        CredentialsResolver.Org o = (CredentialsResolver.Org) org;
        // a user's change that holds no place in the write queue before it writes; an id recorded in the org status
        // records is the object to delete, not whatever holds the name now
        outcome = deleteIn(resource, convergers.at(o.target(), WritePriority.USER_CHANGE,
            resource.getMetadata().getNamespace()).recorded(RecordedId.of(status)), owned, pending);
      }
    }
    if (outcome == null || outcome instanceof Outcome.Synced) {
      // half way through a move, the copy in the old org is this resource's too
      Optional<Outcome> old = moves.deleteOld(resource, convergers);
      if (old.isPresent() && !(old.get() instanceof Outcome.Synced)) {
        outcome = old.get();
      } else if (outcome == null && !letGo) {
        outcome = old.orElse(null);
      }
    }
    if (outcome == null) {
      return gone(resource);
    }
    Optional<Duration> retry = reporter.deleted(resource, outcome, redactor(resource)
        .and(settings.credentials().knownKeys(resource.getMetadata().getNamespace())));
    return retry.map(d -> DeleteControl.noFinalizerRemoval().rescheduleAfter(d.toMillis()))
        .orElseGet(() -> gone(resource));
  }

  /**
   * Deletes the owned object, and the pending one if it holds what was sent: the first failure, else what was
   * deleted; null when nothing was (a pending object that is not this resource's is left, with a Warning).
   */
  private Outcome deleteIn(R resource, Converger<T> converger, String owned, String pending) {
    try {
      Outcome outcome = owned == null ? null : converger.delete(owned);
      if (pending != null && (outcome == null || outcome instanceof Outcome.Synced)) {
        Outcome p = converger.deleteIfSent(pending, PendingWrite.sent(resource.getStatus(),
            settings.fingerprints(), null));
        if (p instanceof Outcome.Conflict left) {
          left(resource, left.message(), true);
        } else if (outcome == null || !(p instanceof Outcome.Synced)) {
          outcome = p;
        }
      }
      return outcome;
    } catch (RuntimeException e) {
      return InternalErrors.outcome(LOG, "deletion", e);
    }
  }

  /** Something left in Datadog on purpose (or because it cannot be reached) when the resource went. */
  private void left(R resource, String message, boolean warn) {
    LOG.info("{}", message);
    if (warn) {
      settings.events().warning(resource, "Orphaned", message);
    } else {
      settings.events().normal(resource, "Orphaned", message);
    }
  }

  private DeleteControl gone(R resource) {
    reporter.forget(resource);
    applied.forget(resource);
    settings.references().forget(resource);
    return DeleteControl.defaultDelete();
  }

  /** Its Secrets' current values where they can still be read, and the last applied ones. */
  private Redactor redactor(R resource) {
    Redactor known = applied.known(resource);
    try {
      List<io.ddwebhooks.operator.crd.SecretKeySelector> refs =
          kind.validate(resource.getSpec(), resource.getMetadata().getName()).isEmpty()
              ? kind.secretRefs(resource.getSpec()) : List.of();
      return known.and(settings.secrets().read(resource.getMetadata().getNamespace(), refs).redactor());
    } catch (SecretSource.MissingSecretException | SecretSource.InvalidSecretException | RuntimeException e) {
      return known;
    }
  }
}
