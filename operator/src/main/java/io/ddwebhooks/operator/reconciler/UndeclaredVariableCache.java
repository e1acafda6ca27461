package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.datadog.DatadogApiException;
import io.ddwebhooks.operator.datadog.DatadogOrgs;
import io.ddwebhooks.operator.datadog.OrgTarget;
import io.ddwebhooks.operator.datadog.WritePriority;
import io.ddwebhooks.operator.sync.VariableCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The custom variables Datadog holds that no DatadogCustomVariable holds, looked up one name at a time (there is no
 * list endpoint) and kept for the resync interval under the org's proven identity, so that a template check costs
 * at most one GET per org and name per interval, and one org's answer never stands for another's.
 */
final class UndeclaredVariableCache {

  /** Past this many names, expired answers are dropped before another is kept (typos are unbounded input). */
  private static final int MAX_KEPT = 10_000;

  private record Kept(Optional<VariableCheck.Held> held, Instant until) {}

  private final DatadogOrgs datadog;
  private final Clock clock;
  private final Duration keep;
  private final Map<String, Kept> held = new ConcurrentHashMap<>();

  /** Datadog did not answer whether it holds {@code name}; the check waits for an answer. */
  static final class CannotTell extends RuntimeException {
    final String name;
    final transient DatadogApiException cause;

    CannotTell(String name, DatadogApiException cause) {
      super(cause.getMessage(), null, false, false);
      this.name = name;
      this.cause = cause;
    }
  }

  UndeclaredVariableCache(DatadogOrgs datadog, Clock clock, Duration keep) {
    this.datadog = datadog;
    this.clock = clock;
    this.keep = keep;
  }

  /**
   * Whether Datadog holds the variable, whether it is secret and its value when not (one GET, kept a while); the
   * read is {@code tenant}'s (the namespace whose check asks), which takes turns with the others in the org's reads.
   */
  Optional<VariableCheck.Held> held(OrgTarget org, String name, String tenant) {
    String key = org.key() + "\n" + name;
    Kept k = held.get(key);
    Instant now = clock.instant();
    if (k != null && k.until().isAfter(now)) {
      return k.held();
    }
    try {
      // the check a change waits on: read at a change's priority (answers are kept, so resyncs seldom ask)
      Optional<VariableCheck.Held> answer = datadog.api(org, WritePriority.USER_CHANGE, tenant).getCustomVariable(name)
          .map(v -> new VariableCheck.Held(v.isSecret(), v.isSecret() ? null : v.value()));
      if (held.size() >= MAX_KEPT) {
        held.values().removeIf(old -> !old.until().isAfter(now));
      }
      held.put(key, new Kept(answer, now.plus(keep)));
      return answer;
    } catch (DatadogApiException e) {
      // Datadog could not say: neither a typo nor a confinement verdict can rest on a guess
      throw new CannotTell(name, e);
    }
  }
}
