package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.sync.Outcome;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the last authenticated call through each credentials object said about its keys (in memory), for the
 * credentials' own status: DatadogAuthFailed after a 401/403, Ready again after a success.
 */
public final class OrgHealth {

  private final Map<String, Boolean> keysAccepted = new ConcurrentHashMap<>();

  /** {@code ref}: as in status.credentials.ref. */
  public void record(String ref, Outcome outcome) {
    if (outcome instanceof Outcome.AuthFailed) {
      keysAccepted.put(ref, false);
    } else if (outcome instanceof Outcome.Synced || outcome instanceof Outcome.Applied) {
      keysAccepted.put(ref, true);
    }
  }

  /** False when the last call with these credentials was refused for its keys; empty when unknown. */
  public Optional<Boolean> keysAccepted(String ref) {
    return Optional.ofNullable(keysAccepted.get(ref));
  }

  /** The keys changed: what was said of the old ones no longer holds. */
  public void forget(String ref) {
    keysAccepted.remove(ref);
  }
}
