package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.RecordedCredentials;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last good keys of each credentials object, in memory only, under the object's full identity (kind, namespace,
 * name, uid), so that resources deleted together with their credentials and key Secrets (a namespace deletion) can
 * still delete their objects. They serve only the very object recorded, never one of the same name elsewhere.
 */
final class LastGoodKeys {

  private final Map<String, CredentialsResolver.Org> kept = new ConcurrentHashMap<>();
  private final java.util.Set<String> keys = ConcurrentHashMap.newKeySet();
  private volatile io.ddwebhooks.operator.sync.Redactor known = io.ddwebhooks.operator.sync.Redactor.none();

  /** {@code anchor}: kind/namespace/name (kind/name for cluster credentials). */
  CredentialsResolver.Org remember(String anchor, String uid, CredentialsResolver.Org org) {
    kept.put(anchor + "/" + uid, org);
    if (keys.add(org.target().apiKey()) | keys.add(org.target().appKey())) {
      known = io.ddwebhooks.operator.sync.Redactor.of(java.util.List.copyOf(keys));
    }
    return org;
  }

  /** Scrubs every key any credentials object ever gave (messages never carry one, whoever's it is). */
  io.ddwebhooks.operator.sync.Redactor known() {
    return known;
  }

  /**
   * The keys last good for the object {@code recorded} names; a record of an earlier version has no uid, and then
   * the object of that kind, namespace and name (still never another namespace's).
   */
  Optional<CredentialsResolver.Org> of(String anchor, RecordedCredentials recorded) {
    if (recorded.getUid() != null) {
      return Optional.ofNullable(kept.get(anchor + "/" + recorded.getUid()));
    }
    return kept.entrySet().stream().filter(e -> e.getKey().startsWith(anchor + "/")).map(Map.Entry::getValue)
        .findFirst();
  }
}
