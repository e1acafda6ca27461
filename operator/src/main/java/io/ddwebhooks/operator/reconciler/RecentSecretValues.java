package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.sync.Redactor;
import io.ddwebhooks.operator.sync.SecretValues;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Secret values each resource's recent reconciles read, kept in memory only (never in status) so that a Datadog
 * answer that echoes an older value is scrubbed too: the values of the last {@value #KEPT} distinct reads, whether
 * the write that carried them succeeded or not (a failed write may have been applied all the same, and its values
 * echoed after the next rotation). Dropped when the resource goes; a restart forgets them (the current values are
 * always known).
 */
final class RecentSecretValues {

  /** How many distinct sets of values are remembered per resource. */
  static final int KEPT = 3;

  private final Map<String, Deque<List<String>>> recent = new ConcurrentHashMap<>();

  /** Scrubs the current values and the recent ones. */
  Redactor redactor(HasMetadata resource, SecretValues current) {
    return current.redactor().and(known(resource));
  }

  /** Scrubs the recent values only (when the current ones cannot be read). */
  Redactor known(HasMetadata resource) {
    Deque<List<String>> sets = recent.get(uid(resource));
    if (sets == null) {
      return Redactor.none();
    }
    List<String> all = new ArrayList<>();
    synchronized (sets) {
      sets.forEach(all::addAll);
    }
    return Redactor.of(all);
  }

  /** A reconcile read {@code current} (and may have sent it to Datadog, whatever the answer). */
  void remember(HasMetadata resource, SecretValues current) {
    List<String> values = current.all();
    if (values.isEmpty()) {
      return;
    }
    Deque<List<String>> sets = recent.computeIfAbsent(uid(resource), k -> new ArrayDeque<>());
    synchronized (sets) {
      sets.remove(values);
      sets.addFirst(values);
      while (sets.size() > KEPT) {
        sets.removeLast();
      }
    }
  }

  void forget(HasMetadata resource) {
    recent.remove(uid(resource));
  }

  int size() {
    return recent.size();
  }

  static String uid(HasMetadata resource) {
    String uid = resource.getMetadata().getUid();
    return uid != null ? uid : resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }
}
