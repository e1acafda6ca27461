package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.sync.CustomVariableKind;
import io.ddwebhooks.operator.sync.ResourceKind;
import io.ddwebhooks.operator.sync.VariableCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The custom variables declared in Kubernetes for each org, by Datadog name, as the template check reads them. Built
 * from the informer's cache once and kept until a custom variable changes (or for a few seconds, since an org can
 * change with its credentials), so that thousands of webhook reconciles do not each walk thousands of variables.
 */
final class DeclaredVariables {

  /** The longest a snapshot is used when no variable changed (credentials may have moved one to another org). */
  private static final Duration AT_MOST = Duration.ofSeconds(10);
  private static final CustomVariableKind VARIABLES = new CustomVariableKind();

  private record Snapshot(long version, Instant at, Map<String, VariableCheck.Declaration> declared) {}

  private final AtomicLong changes = new AtomicLong();
  private final Map<String, Snapshot> byOrg = new ConcurrentHashMap<>();
  private final Clock clock;

  DeclaredVariables(Clock clock) {
    this.clock = clock;
  }

  /** A custom variable came, changed or went. */
  void changed() {
    changes.incrementAndGet();
  }

  /** The declarations of {@code orgKey} among {@code all}, whose org {@code orgOf} tells. */
  Map<String, VariableCheck.Declaration> of(String orgKey, Supplier<Stream<DatadogCustomVariable>> all,
      Function<DatadogCustomVariable, Optional<String>> orgOf) {
    long version = changes.get();
    Instant now = clock.instant();
    Snapshot s = byOrg.get(orgKey);
    if (s != null && s.version() == version && s.at().plus(AT_MOST).isAfter(now)) {
      return s.declared();
    }
    Map<String, VariableCheck.Declaration> out = new HashMap<>();
    all.get().filter(v -> v.getSpec() != null && Objects.equals(orgOf.apply(v).orElse(null), orgKey))
        .forEach(v -> out.put(VARIABLES.datadogName(v.getSpec(), v.getMetadata().getName()), declaration(v)));
    Map<String, VariableCheck.Declaration> declared = Map.copyOf(out);
    byOrg.put(orgKey, new Snapshot(version, now, declared));
    return declared;
  }

  private static VariableCheck.Declaration declaration(DatadogCustomVariable v) {
    var spec = v.getSpec();
    // the secrecy Datadog holds, or will: the same default the variable's own reconcile applies
    boolean secret = CustomVariableKind.secret(spec, ResourceKind.History.of(v.getStatus()));
    String shared = v.getMetadata().getAnnotations() == null ? null
        : v.getMetadata().getAnnotations().get(VariableGate.SHARED_WITH);
    Set<String> sharedWith = shared == null ? Set.of() : Arrays.stream(shared.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    return new VariableCheck.Declaration(v.getMetadata().getNamespace(), secret, sharedWith, spec.getValue());
  }
}
