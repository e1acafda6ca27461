package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.crd.CredentialsRef;
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

  /** {@code anchor}: kind/namespace/name (kind/name for cluster credentials). A rotation replaces the old keys. */
  CredentialsResolver.Org remember(String anchor, String uid, CredentialsResolver.Org org) {
    kept.put(anchor + "/" + uid, org);
    return org;
  }

  /**
   * Scrubs the keys that resources of {@code namespace} may be using: those of the namespace's own credentials
   * objects and of cluster credentials (an admin's). Another namespace's keys never reach this namespace's messages,
   * and a tenant's keys never censor another tenant's messages (whatever words it chooses as keys).
   */
  io.ddwebhooks.operator.sync.Redactor usableIn(String namespace) {
    java.util.List<String> keys = new java.util.ArrayList<>();
    kept.forEach((key, org) -> {
      if (key.startsWith(CredentialsRef.CLUSTER + "/") || key.startsWith(
          CredentialsRef.NAMESPACED + "/" + namespace + "/")) {
        keys.add(org.target().apiKey());
        keys.add(org.target().appKey());
      }
    });
    return keys.isEmpty() ? io.ddwebhooks.operator.sync.Redactor.none() : io.ddwebhooks.operator.sync.Redactor.of(keys);
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
