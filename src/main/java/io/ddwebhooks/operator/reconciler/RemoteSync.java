package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.datadog.DatadogApiException;
import java.util.List;
import java.util.Optional;

/**
 * Converges one Datadog object to a desired state with the fewest, safest calls: GET; absent means POST; present and
 * different means one full PUT; equal means no write. Renames are a PUT on the owned name carrying the new name.
 * Never writes an object this resource does not own: {@code ownedName} (status.remoteName) is the proof of ownership.
 */
public final class RemoteSync {

  private RemoteSync() {}

  public static <T> SyncResult<T> converge(RemoteKind<T> kind, T desired, String ownedName, boolean appliedBefore) {
    String target = kind.nameOf(desired);
    if (ownedName != null && !ownedName.equals(target)) {
      return rename(kind, desired, ownedName, target);
    }
    Optional<T> actual = kind.get(target);
    if (actual.isEmpty()) {
      return create(kind, desired, ownedName == null ? SyncResult.Action.CREATED : SyncResult.Action.RECREATED);
    }
    if (ownedName == null) {
      return conflict(kind, target);
    }
    List<String> diffs = kind.differences(desired, actual.get(), appliedBefore);
    if (diffs.isEmpty()) {
      return new SyncResult<>(SyncResult.Action.UNCHANGED, actual.get(), List.of(), null);
    }
    return new SyncResult<>(SyncResult.Action.UPDATED, kind.update(target, desired), diffs, null);
  }

  private static <T> SyncResult<T> rename(RemoteKind<T> kind, T desired, String ownedName, String target) {
    if (kind.get(target).isPresent()) {
      return conflict(kind, target);
    }
    if (kind.get(ownedName).isEmpty()) {
      // the old object went away outside Kubernetes: nothing to rename, create under the new name
      return create(kind, desired, SyncResult.Action.RECREATED);
    }
    T renamed = kind.update(ownedName, desired);
    return new SyncResult<>(SyncResult.Action.RENAMED, renamed, List.of("name"), ownedName);
  }

  private static <T> SyncResult<T> create(RemoteKind<T> kind, T desired, SyncResult.Action action) {
    try {
      return new SyncResult<>(action, kind.create(desired), List.of(), null);
    } catch (DatadogApiException e) {
      if (e.isNameTaken()) {
        // created by someone else between our GET and POST
        return conflict(kind, kind.nameOf(desired));
      }
      throw e;
    }
  }

  private static <T> SyncResult<T> conflict(RemoteKind<T> kind, String name) {
    return new SyncResult<>(SyncResult.Action.CONFLICT, null, List.of(),
        "a " + kind.noun() + " named '" + name + "' already exists in Datadog and is not owned by this resource;"
            + " nothing was changed. Choose another spec.name, or delete the existing " + kind.noun());
  }
}
