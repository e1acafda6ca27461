package io.ddwebhooks.operator.sync;

import io.ddwebhooks.operator.config.AdoptionScope;
import io.ddwebhooks.operator.config.ConfigException;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.crd.Annotations;
import io.ddwebhooks.operator.crd.DeletionPolicy;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.crd.ManagementPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator may do with one resource: from its spec's policies (deletionPolicy, managementPolicy), its
 * ddwebhooks.io annotations and the operator's adoption scope. Pure: built from plain inputs.
 */
public record ResourcePolicy(
    boolean paused,
    boolean observeOnly,
    boolean orphanOnDelete,
    Adoption adoption,
    String adoptionRefusal,
    Optional<Duration> resyncInterval,
    Optional<Duration> reapplyInterval,
    List<String> problems) {

  /** Whether this resource may take over an existing Datadog object of its name. */
  public enum Adoption { NOT_REQUESTED, ALLOWED, REFUSED }

  /** The shortest interval the annotations accept by default (see {@link OperatorConfig}). */
  public static final Duration MIN_INTERVAL = OperatorConfig.DEFAULT_MIN_RESOURCE_INTERVAL;

  /** Why a paused resource makes no Datadog calls. */
  public static final Outcome.Paused PAUSED = new Outcome.Paused("paused by annotation " + Annotations.PAUSED
      + ": no Datadog calls until it is removed");

  /** As {@link #of(Map, String, ManagedSpec, AdoptionScope, Duration)} with the default floor. */
  public static ResourcePolicy of(Map<String, String> annotations, String namespace, ManagedSpec spec,
      AdoptionScope adoptionScope) {
    return of(annotations, namespace, spec, adoptionScope, MIN_INTERVAL);
  }

  /** {@code minInterval}: the shortest resync or reapply interval an annotation may ask for. */
  public static ResourcePolicy of(Map<String, String> annotations, String namespace, ManagedSpec spec,
      AdoptionScope adoptionScope, Duration minInterval) {
    Map<String, String> a = annotations == null ? Map.of() : annotations;
    List<String> problems = new ArrayList<>();
    Adoption adoption = Adoption.NOT_REQUESTED;
    String refusal = null;
    if (flag(a, Annotations.ADOPT)) {
      adoption = adoptionScope.allows(namespace) ? Adoption.ALLOWED : Adoption.REFUSED;
      if (adoption == Adoption.REFUSED) {
        refusal = "adoption was requested (" + Annotations.ADOPT + ") but the operator does not allow it in"
            + " namespace '" + namespace + "' (ALLOW_ADOPTION_NAMESPACES)";
      }
    }
    return new ResourcePolicy(
        flag(a, Annotations.PAUSED),
        spec != null && spec.getManagementPolicy() == ManagementPolicy.ObserveOnly,
        spec != null && spec.getDeletionPolicy() == DeletionPolicy.Orphan,
        adoption,
        refusal,
        duration(a, Annotations.RESYNC_INTERVAL, minInterval, problems),
        duration(a, Annotations.REAPPLY_INTERVAL, minInterval, problems),
        List.copyOf(problems));
  }

  /** The resync interval for this resource: the annotation, capped by the operator's own, else the operator's. */
  public Duration resync(Duration global) {
    return resyncInterval.filter(d -> d.compareTo(global) < 0).orElse(global);
  }

  /** When to come back after a success: the resync interval, or the reapply interval when that is shorter. */
  public Duration nextCheck(Duration global) {
    Duration resync = resync(global);
    return reapplyInterval.filter(i -> i.compareTo(resync) < 0).orElse(resync);
  }

  /** How often Datadog is read for this resource: its resync interval (observe only), else {@link #nextCheck}. */
  public Duration checkEvery(Duration global) {
    return observeOnly() ? resync(global) : nextCheck(global);
  }

  private static boolean flag(Map<String, String> annotations, String key) {
    return "true".equalsIgnoreCase(annotations.getOrDefault(key, "").trim());
  }

  private static Optional<Duration> duration(Map<String, String> annotations, String key, Duration minInterval,
      List<String> problems) {
    String value = annotations.get(key);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      Duration d = OperatorConfig.parseDuration("annotation " + key, value, null);
      if (d.compareTo(minInterval) < 0) {
        problems.add("annotation " + key + " must be at least " + OperatorConfig.format(minInterval)
            + " (the operator's MIN_RESOURCE_INTERVAL), got '" + value + "'");
        return Optional.empty();
      }
      return Optional.of(d);
    } catch (ConfigException e) {
      problems.add(e.getMessage());
      return Optional.empty();
    }
  }
}
