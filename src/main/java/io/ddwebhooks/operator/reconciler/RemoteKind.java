package io.ddwebhooks.operator.reconciler;

import java.util.List;
import java.util.Optional;

/** The Datadog side of one kind of object, as the convergence steps see it. */
public interface RemoteKind<T> {

  /** "webhook" or "custom variable", for messages. */
  String noun();

  String nameOf(T object);

  /** A stable text of everything the operator manages in {@code desired}, input to the status fingerprint. */
  String canonical(T desired);

  Optional<T> get(String name);

  T create(T desired);

  T update(String currentName, T desired);

  /** False when it was already gone. */
  boolean delete(String name);

  /**
   * Names of the managed fields where {@code actual} differs from {@code desired} (never their values).
   * {@code appliedBefore}: this exact desired state was applied earlier, which is the only way to know that a value
   * Datadog will not return (a secret variable's) is still current.
   */
  List<String> differences(T desired, T actual, boolean appliedBefore);

  /** What users must change themselves after a rename (Datadog does not update references); empty if nothing. */
  default Optional<String> renameNotice(String oldName, String newName) {
    return Optional.empty();
  }
}
