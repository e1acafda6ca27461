package io.ddwebhooks.operator.status;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The only code that writes status.conditions: sets Ready (with kstatus's Stalled and Reconciling) and keeps
 * lastTransitionTime while a condition's status holds.
 */
public final class ReadyCondition {

  public static final String TYPE = "Ready";

  private ReadyCondition() {}

  public static Optional<Condition> of(DatadogResourceStatus status) {
    if (status == null) {
      return Optional.empty();
    }
    return status.getConditions().stream().filter(c -> TYPE.equals(c.getType())).findFirst();
  }

  /** The current Ready reason, if any. */
  public static Optional<String> reason(DatadogResourceStatus status) {
    return of(status).map(Condition::getReason);
  }

  /** Sets Ready on {@code status} for {@code generation}; lastTransitionTime moves only when True/False flips. */
  public static void set(DatadogResourceStatus status, long generation, Reason reason, String message, Instant now) {
    set(status.getConditions(), generation, reason.name(), reason.conditionStatus(), message, now);
    status.setObservedGeneration(generation);
  }

  /**
   * Sets Ready in {@code conditions} (of any kind's status), keeping lastTransitionTime while its status holds, and
   * the kstatus conditions that go with it ({@link Kstatus}).
   */
  public static void set(List<Condition> conditions, long generation, String reason, String value, String message,
      Instant now) {
    set(conditions, TYPE, generation, reason, value, message, now);
    Kstatus.apply(conditions, generation, reason, value, message, now);
  }

  /** Sets the condition {@code type}, keeping lastTransitionTime while its status holds. */
  public static void set(List<Condition> conditions, String type, long generation, String reason, String value,
      String message, Instant now) {
    Condition existing = conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    String transition = existing != null && value.equals(existing.getStatus())
        ? existing.getLastTransitionTime()
        : now.truncatedTo(ChronoUnit.SECONDS).toString();
    conditions.removeIf(c -> type.equals(c.getType()));
    conditions.add(new Condition(transition, message, generation, reason, value, type));
  }
}
