package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.crd.OrgMove;
import io.ddwebhooks.operator.datadog.OrgTarget;
import io.ddwebhooks.operator.datadog.WritePriority;
import io.ddwebhooks.operator.sync.Converger;
import io.ddwebhooks.operator.sync.Directives;
import io.ddwebhooks.operator.sync.Outcome;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a resource's object to another Datadog org as a recorded, resumable operation: the old location is written
 * to status.movingFrom before anything else, the object is created in the new org by the usual crash-safe create,
 * then (deletionPolicy Delete) deleted from the old org, then the record is cleared. A restart anywhere resumes from
 * the record: the create recognises its own object, and a delete of an object already gone succeeds. When the old
 * org cannot be reached any more, the old copy is left, named in status.oldCopy and a Warning Event.
 */
final class OrgMoves {

  private static final Logger LOG = LoggerFactory.getLogger(OrgMoves.class);

  private final CredentialsResolver resolver;
  private final EventSink events;

  OrgMoves(CredentialsResolver resolver, EventSink events) {
    this.resolver = resolver;
    this.events = events;
  }

  /**
   * Starts a move when the resource owns an object in another org than {@code to}: records where it is (the object
   * is no longer this resource's in the new org until it is created there). True when a move is under way.
   */
  boolean start(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource, StatusBook book,
      CredentialsResolver.Org to, Optional<String> recordedOrg) {
    DatadogResourceStatus status = book.status();
    if (status.getMovingFrom() != null) {
      return true;
    }
    String owned = status.getRemoteName() != null ? status.getRemoteName() : status.getPendingName();
    if (owned == null || recordedOrg.isEmpty() || recordedOrg.get().equals(to.target().key())) {
      return false;
    }
    String fromRef = status.getCredentials() != null ? status.getCredentials().getRef() : CredentialsRefs.DEFAULT_REF;
    book.startMove(new OrgMove(fromRef, recordedOrg.get(), owned), to.record());
    LOG.info("moving {} to the Datadog org {} ({}) from {} ({})", owned, to.target().key(), to.record().getRef(),
        recordedOrg.get(), fromRef);
    return true;
  }

  /**
   * The object now exists in the new org: deletes the old copy (or leaves it: deletionPolicy Orphan, or its org
   * cannot be reached) and clears the record. Returns {@code converged}, or the old org's failure to retry on.
   */
  Outcome finish(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource, StatusBook book,
      Directives directives, Outcome converged, Function<OrgTarget, Converger<?>> convergers) {
    OrgMove from = book.status().getMovingFrom();
    String to = describe(book.status().getCredentials().getRef(), book.status().getCredentials().getOrg());
    String name = book.status().getRemoteName();
    if (directives.orphanOnDelete()) {
      events.normal(resource, "Moved", "moved '" + name + "' to " + to + "; the copy in " + describe(from)
          + " is left there by deletionPolicy Orphan");
      book.finishMove(null);
      return converged;
    }
    Optional<Converger<?>> old = oldOrg(resource, from).map(convergers);
    if (old.isEmpty()) {
      events.warning(resource, "OldCopyLeft", "moved '" + name + "' to " + to + ", but " + describe(from)
          + " cannot be reached any more (its credentials or keys are gone): its copy '" + from.getName()
          + "' is left there; delete it by hand (status.oldCopy)");
      book.finishMove(from);
      return converged;
    }
    Outcome deleted = WritePriority.run(WritePriority.USER_CHANGE, () -> old.get().delete(from.getName()));
    if (!(deleted instanceof Outcome.Synced)) {
      // the new copy exists; the old one is retried until it is gone (the record stays)
      return deleted;
    }
    events.normal(resource, "Moved", "moved '" + name + "' to " + to + " and deleted the copy '" + from.getName()
        + "' in " + describe(from));
    book.finishMove(null);
    return converged;
  }

  /** For a deleted resource: deletes the copy it was moving away from, unless policy or reachability says not. */
  Optional<Outcome> deleteOld(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource,
      Function<OrgTarget, Converger<?>> convergers) {
    OrgMove from = resource.getStatus() == null ? null : resource.getStatus().getMovingFrom();
    if (from == null) {
      return Optional.empty();
    }
    Optional<Converger<?>> old = oldOrg(resource, from).map(convergers);
    if (old.isEmpty()) {
      events.warning(resource, "OldCopyLeft", "the copy '" + from.getName() + "' in " + describe(from)
          + " is left there: that org cannot be reached any more");
      return Optional.empty();
    }
    return Optional.of(WritePriority.run(WritePriority.USER_CHANGE, () -> old.get().delete(from.getName())));
  }

  /** The old org's target, only if its credentials still reach that very org. */
  private Optional<OrgTarget> oldOrg(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource,
      OrgMove from) {
    CredentialsResolver.Resolved old = resolver.resolve(resource.getMetadata().getNamespace(),
        CredentialsRefs.parseRef(from.getRef()), true);
    return old instanceof CredentialsResolver.Org org && org.target().key().equals(from.getOrg())
        ? Optional.of(org.target()) : Optional.empty();
  }

  static String describe(OrgMove where) {
    return describe(where.getRef(), where.getOrg());
  }

  /** An org as users see it: the credentials' name and the endpoint, never a key. */
  static String describe(String ref, String org) {
    return "the Datadog org " + org + " (credentials " + ref + ")";
  }
}
