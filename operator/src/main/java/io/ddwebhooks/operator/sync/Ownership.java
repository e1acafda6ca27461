package io.ddwebhooks.operator.sync;

import java.util.function.Predicate;

/**
 * What a resource knows about its Datadog object, for {@link Converger}. {@code sentUnderPending}: whether a text
 * ({@link ResourceKind#recognizable}) is what was sent under {@code pendingName}. {@code specApplied}: this exact
 * desired state was applied before (status fingerprint); {@code reapplyDue}: the reapply interval asks for a write
 * all the same. {@code takenBefore}: the last attempt found the name held by someone else, so a create starts with
 * a GET rather than a POST that would only be refused again.
 */
public record Ownership(String ownedName, String pendingName, Predicate<String> sentUnderPending,
    ResourcePolicy.Adoption adoption, String adoptionRefusal, boolean specApplied, boolean reapplyDue,
    boolean takenBefore) {

  boolean appliedBefore() {
    return specApplied && !reapplyDue;
  }

  /** Whether {@code actual} holds what an interrupted create or rename sent under the pending name. */
  <T> boolean sent(T actual, ResourceKind<?, T> kind) {
    return pendingName != null && kind.holdsSent(actual, sentUnderPending);
  }
}
