package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.config.AdoptionPolicy;
import io.ddwebhooks.operator.config.ConfigException;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.crd.Annotations;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The policies that apply to one resource, from its spec and annotations and the operator's configuration. */
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

  public static ResourcePolicy of(HasMetadata resource, ManagedSpec spec, AdoptionPolicy adoptionPolicy) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations() == null ? Map.of()
        : resource.getMetadata().getAnnotations();
    List<String> problems = new ArrayList<>();
    Adoption adoption = Adoption.NOT_REQUESTED;
    String refusal = null;
    if (flag(annotations, Annotations.ADOPT)) {
      String ns = resource.getMetadata().getNamespace();
      adoption = adoptionPolicy.allows(ns) ? Adoption.ALLOWED : Adoption.REFUSED;
      if (adoption == Adoption.REFUSED) {
        refusal = "adoption was requested (" + Annotations.ADOPT + ") but the operator does not allow it in"
            + " namespace '" + ns + "' (ALLOW_ADOPTION_NAMESPACES)";
      }
    }
    return new ResourcePolicy(
        flag(annotations, Annotations.PAUSED),
        spec != null && spec.observeOnly(),
        spec != null && spec.orphanOnDelete(),
        adoption,
        refusal,
        duration(annotations, Annotations.RESYNC_INTERVAL, problems),
        duration(annotations, Annotations.REAPPLY_INTERVAL, problems),
        problems);
  }

  /** The resync interval for this resource: the annotation, capped by the operator's own, else the operator's. */
  public Duration resync(Duration global) {
    return resyncInterval.filter(d -> d.compareTo(global) < 0).orElse(global);
  }

  private static boolean flag(Map<String, String> annotations, String key) {
    return "true".equalsIgnoreCase(annotations.getOrDefault(key, "").trim());
  }

  private static Optional<Duration> duration(Map<String, String> annotations, String key, List<String> problems) {
    String value = annotations.get(key);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      Duration d = OperatorConfig.parseDuration("annotation " + key, value, null);
      if (d.compareTo(Duration.ofSeconds(5)) < 0) {
        problems.add("annotation " + key + " must be at least 5s, got '" + value + "'");
        return Optional.empty();
      }
      return Optional.of(d);
    } catch (ConfigException e) {
      problems.add(e.getMessage());
      return Optional.empty();
    }
  }
}
