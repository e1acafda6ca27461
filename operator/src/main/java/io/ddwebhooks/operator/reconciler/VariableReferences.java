package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.sync.TemplateVariables;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The names ({@code $NAME}) each custom variable's value refers to, as its own reconcile read the value: the only way
 * the template check learns what a value read from a Secret refers to (Secret data is never cached). Kept in memory,
 * shared by the two controllers; a value read but not yet applied counts together with the one applied before, since
 * Datadog may hold either.
 */
public final class VariableReferences {

  private record Seen(Set<String> read, Set<String> applied) {}

  private final Map<String, Seen> byVariable = new ConcurrentHashMap<>();

  /** The variable's reconcile read {@code value}. */
  void read(HasMetadata variable, String value) {
    Set<String> names = TemplateVariables.extract(value).stream().map(TemplateVariables.Reference::upper)
        .collect(Collectors.toUnmodifiableSet());
    byVariable.merge(RecentSecretValues.uid(variable), new Seen(names, Set.of()),
        (old, now) -> new Seen(names, old.applied()));
  }

  /** Datadog now holds the value read last. */
  void applied(HasMetadata variable) {
    byVariable.computeIfPresent(RecentSecretValues.uid(variable), (uid, s) -> new Seen(s.read(), s.read()));
  }

  void forget(HasMetadata variable) {
    byVariable.remove(RecentSecretValues.uid(variable));
  }

  /** What the value of the variable {@code uid} refers to; empty when it has not been read since the start. */
  Optional<Set<String>> of(String uid) {
    Seen s = byVariable.get(uid);
    if (s == null) {
      return Optional.empty();
    }
    Set<String> all = new HashSet<>(s.read());
    all.addAll(s.applied());
    return Optional.of(Set.copyOf(all));
  }
}
