package io.ddwebhooks.operator.sync;

import io.ddwebhooks.operator.datadog.DatadogApiException;
import io.ddwebhooks.operator.datadog.Operation;
import io.ddwebhooks.operator.datadog.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Converges one Datadog object to a desired state with the fewest, safest calls: GET; absent means POST; present and
 * different means one full PUT; equal means no write; a rename is a PUT on the owned name carrying the new one. An
 * object that vanishes under an update or rename is created again; a name taken under a create or rename is a
 * conflict. Every Datadog failure becomes an {@link Outcome} through {@link Outcomes}.
 *
 * <p>Never writes an object this resource does not own. Ownership is {@code status.remoteName}, or an adoption the
 * operator allowed, or {@code status.pendingName}: the name of a create or rename recorded through {@link WriteIntent}
 * before it was sent, whose answer was lost. The object found under a pending name is this resource's only when it
 * holds exactly what was sent there ({@link ResourceKind#recognizable}, checked against the recorded fingerprint): a
 * lost answer to a create of a name someone else holds must never turn into a takeover.
 */
public final class Converger<T> {

  private final ResourceKind<?, T> kind;
  private final RemoteObjects<T> remote;

  public Converger(ResourceKind<?, T> kind, RemoteObjects<T> remote) {
    this.kind = kind;
    this.remote = remote;
  }

  /** This converger, reaching the object {@code recorded} names by the id its status recorded ({@link RecordedId}). */
  public Converger<T> recorded(Optional<RecordedId> recorded) {
    return new Converger<>(kind, remote.recorded(recorded));
  }

  /** Makes Datadog hold {@code desired} (see the class comment). */
  public Outcome apply(T desired, Ownership own, WriteIntent intent) {
    return answered(() -> converge(desired, own, intent));
  }

  /** What {@code work} came to, a failed Datadog call read for the operation it was. */
  private Outcome answered(Supplier<Outcome> work) {
    try {
      return work.get();
    } catch (FailedCall f) {
      return Outcomes.failure(f.operation, kind.noun(), f.name, f.cause);
    }
  }

  /** Observe only: reads and compares, never writes. */
  public Outcome observe(T desired) {
    String name = kind.nameOf(desired);
    return answered(() -> {
      Optional<T> actual = get(name);
      if (actual.isEmpty()) {
        return new Outcome.Absent("observe only: there is no " + kind.noun() + " named '" + name
            + "' in Datadog (nothing is created)");
      }
      List<String> diffs = kind.differences(desired, actual.get(), true);
      if (!diffs.isEmpty()) {
        return new Outcome.Drifted("observe only: " + kind.noun() + " '" + name + "' differs in Datadog ("
            + String.join(", ", diffs) + "); nothing is corrected");
      }
      return new Outcome.Synced("observe only: " + kind.noun() + " '" + name + "' matches the spec in Datadog");
    });
  }

  /** Deletes the owned object; {@link Outcome.Synced} says it is gone (deleted now, or already). */
  public Outcome delete(String name) {
    return answered(() -> {
      boolean existed = call(Operation.DELETE, name, () -> remote.delete().test(name));
      return new Outcome.Synced(existed ? "deleted " + kind.noun() + " '" + name + "' from Datadog"
          : kind.noun() + " '" + name + "' was already gone from Datadog");
    });
  }

  /**
   * Deletes the object an interrupted create or rename may have made under {@code name}, only if it holds exactly
   * what was sent ({@code sent}); one that does not is someone else's (or was changed since) and is left: then
   * {@link Outcome.Conflict} says so.
   */
  public Outcome deleteIfSent(String name, Predicate<String> sent) {
    return answered(() -> {
      Optional<T> actual = get(name);
      if (actual.isEmpty()) {
        return new Outcome.Synced(kind.noun() + " '" + name + "' was never created in Datadog (or is gone)");
      }
      if (!kind.holdsSent(actual.get(), sent)) {
        return new Outcome.Conflict("left " + kind.noun() + " '" + name + "' in Datadog: a create or rename to that"
            + " name was interrupted, and the object there is not known to hold what this resource sent (or"
            + " hides its value), so it is not known to be this resource's");
      }
      return delete(name);
    });
  }

  private Outcome converge(T desired, Ownership found, WriteIntent intent) {
    String target = kind.nameOf(desired);
    Ownership own = pendingObject(found, target);
    if (own.ownedName() != null && !own.ownedName().equals(target)) {
      return rename(desired, own, target, intent);
    }
    if (kind.createsWithoutRead() && own.ownedName() == null && own.pendingName() == null
        && own.adoption() == ResourcePolicy.Adoption.NOT_REQUESTED && !own.takenBefore()) {
      try {
        // status proves this resource never made it: the POST's "already exists" is the authority, no GET first
        return create(desired, Outcome.Change.CREATED, own, intent);
      } catch (FailedCall f) {
        if (f.cause.verdict(Operation.CREATE) != Verdict.NAME_TAKEN) {
          throw f;
        }
      }
    }
    Optional<T> actual = get(target);
    if (actual.isEmpty()) {
      return create(desired, own.ownedName() == null ? Outcome.Change.CREATED : Outcome.Change.RECREATED, own, intent);
    }
    Outcome.Change change;
    if (target.equals(own.ownedName())) {
      change = Outcome.Change.UPDATED;
    } else if (target.equals(own.pendingName()) && own.sent(actual.get(), kind)) {
      change = Outcome.Change.RECOVERED;
      intent.made(target); // ours: recorded before a write can make it unrecognisable (a stand-in made secret)
    } else if (own.adoption() == ResourcePolicy.Adoption.ALLOWED) {
      change = Outcome.Change.ADOPTED;
    } else {
      return Outcomes.conflict(kind.noun(), target, own.adoptionRefusal());
    }
    // a hidden value is known to be current only for the object this exact state was applied to
    boolean appliedBefore = own.appliedBefore() && change == Outcome.Change.UPDATED;
    List<String> diffs = kind.differences(desired, actual.get(), appliedBefore);
    if (diffs.isEmpty()) {
      return change == Outcome.Change.UPDATED
          ? new Outcome.Synced(matches(target))
          : wrote(change, target, diffs, null, own);
    }
    return update(target, desired, change, diffs, own, intent);
  }

  /**
   * A create or rename to an earlier name may have reached Datadog unseen ({@code pendingName}); if the spec's name
   * changed since, and the owned name holds nothing, the object under the pending name is this resource's: it is
   * renamed, not left behind while another is created.
   */
  private Ownership pendingObject(Ownership own, String target) {
    String pending = own.pendingName();
    if (pending == null || pending.equals(target) || pending.equals(own.ownedName())
        || (own.ownedName() != null && get(own.ownedName()).isPresent())) {
      return own;
    }
    Optional<T> atPending = get(pending);
    if (atPending.isEmpty() || !own.sent(atPending.get(), kind)) {
      return own;
    }
    return new Ownership(pending, pending, own.sentUnderPending(), own.adoption(), own.adoptionRefusal(), false,
        own.reapplyDue(), own.takenBefore());
  }

  private Outcome update(String target, T desired, Outcome.Change change, List<String> diffs, Ownership own,
      WriteIntent intent) {
    try {
      remote.update().apply(target, desired);
    } catch (DatadogApiException e) {
      if (e.verdict(Operation.UPDATE) == Verdict.ABSENT) {
        // deleted between our GET and our PUT: it is ours to create again
        return create(desired, Outcome.Change.RECREATED, own, intent);
      }
      throw new FailedCall(Operation.UPDATE, target, e);
    }
    return wrote(change, target, diffs, null, own);
  }

  private Outcome rename(T desired, Ownership own, String target, WriteIntent intent) {
    String from = own.ownedName();
    Optional<T> atTarget = get(target);
    if (atTarget.isPresent()) {
      // an earlier attempt renamed it and did not record that: it holds what was sent, or, for an object Datadog
      // shows nothing identifying of (a secret variable), the old name gone is the only evidence there is
      if (target.equals(own.pendingName())
          && (own.sent(atTarget.get(), kind) || !kind.identifiable(atTarget.get())) && get(from).isEmpty()) {
        List<String> diffs = kind.differences(desired, atTarget.get(), false);
        if (!diffs.isEmpty()) {
          call(Operation.UPDATE, target, () -> remote.update().apply(target, desired));
        }
        return wrote(Outcome.Change.RECOVERED, target, diffs, from, own);
      }
      return Outcomes.conflict(kind.noun(), target, own.adoptionRefusal());
    }
    if (get(from).isEmpty()) {
      // the old object went away outside Kubernetes: nothing to rename, create under the new name
      return create(desired, Outcome.Change.RECREATED, own, intent);
    }
    intent.record(target, kind.recognizable(desired));
    try {
      remote.update().apply(from, desired);
    } catch (DatadogApiException e) {
      if (Verdict.certainlyNotApplied(e)) {
        intent.clear();
      }
      Verdict verdict = e.verdict(Operation.RENAME);
      if (verdict == Verdict.ABSENT) {
        // the old object vanished between our GET and our PUT
        return create(desired, Outcome.Change.RECREATED, own, intent);
      }
      throw new FailedCall(Operation.RENAME, target, e);
    }
    return wrote(Outcome.Change.RENAMED, target, List.of("name"), from, own);
  }

  private Outcome create(T desired, Outcome.Change change, Ownership own, WriteIntent intent) {
    String name = kind.nameOf(desired);
    T first = kind.standIn(desired).orElse(desired); // what Datadog will show in full, to recognise it by
    intent.record(name, kind.recognizable(first));
    try {
      remote.create().apply(first);
    } catch (DatadogApiException e) {
      if (Verdict.certainlyNotApplied(e)) {
        intent.clear();
      }
      throw new FailedCall(Operation.CREATE, name, e);
    }
    if (first != desired) {
      intent.made(name);
      call(Operation.UPDATE, name, () -> remote.update().apply(name, desired));
    }
    return wrote(change, name, List.of(), null, own);
  }

  private Optional<T> get(String name) {
    return call(Operation.GET, name, () -> remote.get().apply(name));
  }

  private static <V> V call(Operation operation, String name, Supplier<V> call) {
    try {
      return call.get();
    } catch (DatadogApiException e) {
      throw new FailedCall(operation, name, e);
    }
  }

  private Outcome wrote(Outcome.Change change, String name, List<String> fields, String previousName,
      Ownership own) {
    // the spec was applied and is owned, yet Datadog had to be written: someone changed it outside Kubernetes
    boolean drift = own.specApplied() && own.ownedName() != null
        && (change == Outcome.Change.UPDATED || change == Outcome.Change.RECREATED);
    Optional<String> notice = change == Outcome.Change.RENAMED ? kind.renameNotice(previousName, name)
        : Optional.empty();
    return new Outcome.Applied(change, name, List.copyOf(fields), previousName, drift, notice,
        change.describe(kind.noun(), name, fields, previousName, drift), matches(name));
  }

  private String matches(String name) {
    return kind.noun() + " '" + name + "' matches the spec in Datadog";
  }
}
