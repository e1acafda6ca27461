package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.sync.Redactor;
import io.ddwebhooks.operator.sync.SecretValues;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Secret values each resource last applied to Datadog, kept in memory only (never in status) so that a Datadog
 * answer echoing an older value after a rotation is scrubbed too. Replaced on each success, dropped when the resource
 * goes; a restart forgets them (the current values are always known).
 */
final class AppliedValues {

  private final Map<String, Redactor> applied = new ConcurrentHashMap<>();

  /** Scrubs the current values and the last applied ones. */
  Redactor redactor(HasMetadata resource, SecretValues current) {
    return current.redactor().and(applied.getOrDefault(uid(resource), Redactor.none()));
  }

  /** Scrubs the last applied values only (when the current ones cannot be read). */
  Redactor known(HasMetadata resource) {
    return applied.getOrDefault(uid(resource), Redactor.none());
  }

  /** Datadog holds {@code current} now. */
  void applied(HasMetadata resource, SecretValues current) {
    applied.put(uid(resource), current.redactor());
  }

  void forget(HasMetadata resource) {
    applied.remove(uid(resource));
  }

  int size() {
    return applied.size();
  }

  static String uid(HasMetadata resource) {
    String uid = resource.getMetadata().getUid();
    return uid != null ? uid : resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }
}
