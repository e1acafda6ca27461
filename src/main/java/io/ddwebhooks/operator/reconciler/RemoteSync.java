package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.datadog.DatadogApiException;
import java.util.List;
import java.util.Optional;

/**
 * Converges one Datadog object to a desired state with the fewest, safest calls: GET; absent means POST; present and
 * different means one full PUT; equal means no write. Renames are a PUT on the owned name carrying the new name.
 *
 * <p>Never writes an object this resource does not own. Ownership is {@code status.remoteName}, or
 * {@code status.pendingName} (recorded through {@link Intent} before every create or rename, so that the object
 * found after a crash is recognised), or an adoption the operator allowed.
 */
public final class RemoteSync {

  private RemoteSync() {}

  /** Persists the name about to be created or renamed to, before the write. */
  public interface Intent {
    void record(String name);

    void clear();
  }

  /** What this resource knows about its object. */
  public record Ownership(String ownedName, String pendingName, ResourcePolicy.Adoption adoption,
      String adoptionRefusal, boolean appliedBefore) {}

  public static <T> SyncResult<T> converge(RemoteKind<T> kind, T desired, Ownership own, Intent intent) {
    String target = kind.nameOf(desired);
    if (own.ownedName() != null && !own.ownedName().equals(target)) {
      return rename(kind, desired, own, target, intent);
    }
    Optional<T> actual = kind.get(target);
    if (actual.isEmpty()) {
      return create(kind, desired, own.ownedName() == null ? SyncResult.Action.CREATED
          : SyncResult.Action.RECREATED, intent);
    }
    SyncResult.Action action;
    if (target.equals(own.ownedName())) {
      action = SyncResult.Action.UPDATED;
    } else if (target.equals(own.pendingName())) {
      action = SyncResult.Action.RECOVERED;
    } else if (own.adoption() == ResourcePolicy.Adoption.ALLOWED) {
      action = SyncResult.Action.ADOPTED;
    } else {
      return conflict(kind, target, own.adoptionRefusal());
    }
    // a hidden value is known to be current only for the object this exact state was applied to
    boolean appliedBefore = own.appliedBefore() && action == SyncResult.Action.UPDATED;
    List<String> diffs = kind.differences(desired, actual.get(), appliedBefore);
    if (diffs.isEmpty()) {
      return new SyncResult<>(action == SyncResult.Action.UPDATED ? SyncResult.Action.UNCHANGED : action,
          actual.get(), List.of(), null);
    }
    return new SyncResult<>(action, kind.update(target, desired), diffs, null);
  }

  /** Observe only: what differs, with no write. Empty remote means absent. */
  public static <T> Optional<List<String>> observe(RemoteKind<T> kind, T desired) {
    return kind.get(kind.nameOf(desired)).map(actual -> kind.differences(desired, actual, true));
  }

  private static <T> SyncResult<T> rename(RemoteKind<T> kind, T desired, Ownership own, String target,
      Intent intent) {
    String from = own.ownedName();
    Optional<T> atTarget = kind.get(target);
    if (atTarget.isPresent()) {
      if (target.equals(own.pendingName()) && kind.get(from).isEmpty()) {
        // an earlier attempt renamed it and did not get to record that
        List<String> diffs = kind.differences(desired, atTarget.get(), false);
        T remote = diffs.isEmpty() ? atTarget.get() : kind.update(target, desired);
        return new SyncResult<>(SyncResult.Action.RECOVERED, remote, diffs, from);
      }
      return conflict(kind, target, own.adoptionRefusal());
    }
    if (kind.get(from).isEmpty()) {
      // the old object went away outside Kubernetes: nothing to rename, create under the new name
      return create(kind, desired, SyncResult.Action.RECREATED, intent);
    }
    intent.record(target);
    T renamed = writeClearingIntentOnRefusal(() -> kind.update(from, desired), intent);
    return new SyncResult<>(SyncResult.Action.RENAMED, renamed, List.of("name"), from);
  }

  private static <T> SyncResult<T> create(RemoteKind<T> kind, T desired, SyncResult.Action action, Intent intent) {
    intent.record(kind.nameOf(desired));
    try {
      return new SyncResult<>(action, writeClearingIntentOnRefusal(() -> kind.create(desired), intent), List.of(),
          null);
    } catch (DatadogApiException e) {
      if (e.isNameTaken()) {
        // created by someone else between our GET and POST
        return conflict(kind, kind.nameOf(desired), null);
      }
      throw e;
    }
  }

  /**
   * A 4xx means the write certainly did not happen: the recorded intent is void. After a timeout, a 5xx or a dropped
   * connection the write may have happened, so the intent stays for the next attempt to recognise the object.
   */
  private static <T> T writeClearingIntentOnRefusal(java.util.function.Supplier<T> write, Intent intent) {
    try {
      return write.get();
    } catch (DatadogApiException e) {
      if (e.status() >= 400 && e.status() < 500) {
        intent.clear();
      }
      throw e;
    }
  }

  private static <T> SyncResult<T> conflict(RemoteKind<T> kind, String name, String adoptionRefusal) {
    return new SyncResult<>(SyncResult.Action.CONFLICT, null, List.of(),
        "a " + kind.noun() + " named '" + name + "' already exists in Datadog and is not owned by this resource;"
            + " nothing was changed. " + (adoptionRefusal != null ? adoptionRefusal + "."
            : "Choose another spec.name, delete the existing " + kind.noun() + ", or adopt it (annotation"
                + " ddwebhooks.io/adopt, where the operator allows it)."));
  }
}
