package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.sync.CustomVariableKind;
import io.ddwebhooks.operator.sync.ResourceKind;
import io.ddwebhooks.operator.sync.TemplateVariables;
import io.ddwebhooks.operator.sync.VariableCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The custom variables declared in Kubernetes for each org, by Datadog name, as the template check reads them: the
 * resource that holds each name (status.remoteName, in that very org) and the ones that only ask for it (a resource
 * refused with NameConflict declares nothing). Built from the informer's cache once and kept until a custom variable
 * changes (or for a few seconds, since an org can change with its credentials), so that thousands of webhook
 * reconciles do not each walk thousands of variables.
 */
final class DeclaredVariables {

  /** The longest a snapshot is used when no variable changed (credentials may have moved one to another org). */
  private static final Duration AT_MOST = Duration.ofSeconds(10);
  private static final CustomVariableKind VARIABLES = new CustomVariableKind();

  private record Snapshot(long version, Instant at, Map<String, VariableCheck.Declared> declared) {}

  /** One variable's declaration as of its resourceVersion and of what its own reconcile last read. */
  private record Made(String resourceVersion, Optional<Set<String>> read, VariableCheck.Declaration declaration) {}

  private final AtomicLong changes = new AtomicLong();
  private final Map<String, Snapshot> byOrg = new ConcurrentHashMap<>();
  /**
   * Declarations by variable uid, made again only when the variable or what its reconcile read changed: a snapshot
   * is rebuilt on every change of any variable (each step of a mass create), and making all of them again each time
   * was most of the operator's CPU at 5,000 variables.
   */
  private final Map<String, Made> made = new ConcurrentHashMap<>();
  private final Clock clock;
  private final VariableReferences references;

  DeclaredVariables(Clock clock, VariableReferences references) {
    this.clock = clock;
    this.references = references;
  }

  /** A custom variable came, changed or went. */
  void changed() {
    changes.incrementAndGet();
  }

  /** The declarations of the org {@code orgKey} among {@code all}, of which {@code inOrg} keeps that org's. */
  Map<String, VariableCheck.Declared> of(String orgKey, Supplier<Stream<DatadogCustomVariable>> all,
      Predicate<DatadogCustomVariable> inOrg) {
    long version = changes.get();
    Instant now = clock.instant();
    Snapshot s = byOrg.get(orgKey);
    if (s != null && s.version() == version && s.at().plus(AT_MOST).isAfter(now)) {
      return s.declared();
    }
    Map<String, VariableCheck.Declaration> holders = new HashMap<>();
    Map<String, List<VariableCheck.Declaration>> claims = new HashMap<>();
    Set<String> seen = new HashSet<>();
    Stream<DatadogCustomVariable> inThisOrg = all.get().peek(v -> seen.add(RecentSecretValues.uid(v)))
        .filter(v -> v.getSpec() != null && inOrg.test(v));
    inThisOrg.forEach(v -> {
      String asked = VARIABLES.datadogName(v.getSpec(), v.getMetadata().getName());
      String held = v.getStatus() == null ? null : v.getStatus().getRemoteName();
      VariableCheck.Declaration d = declaration(v);
      if (held != null) {
        holders.put(held, d);
      }
      boolean refused = v.getStatus() != null
          && ReadyCondition.reason(v.getStatus()).equals(Optional.of(Reason.NameConflict.name()));
      if (!asked.equals(held) && !refused) {
        claims.computeIfAbsent(asked, n -> new ArrayList<>()).add(d);
      }
    });
    if (made.size() > seen.size()) {
      made.keySet().retainAll(seen); // variables deleted since
    }
    Map<String, VariableCheck.Declared> declared = new HashMap<>();
    holders.keySet().forEach(n -> declared.put(n, null));
    claims.keySet().forEach(n -> declared.put(n, null));
    declared.replaceAll((n, x) -> new VariableCheck.Declared(Optional.ofNullable(holders.get(n)),
        List.copyOf(claims.getOrDefault(n, List.of()))));
    Map<String, VariableCheck.Declared> snapshot = Map.copyOf(declared);
    byOrg.put(orgKey, new Snapshot(version, now, snapshot));
    return snapshot;
  }

  private VariableCheck.Declaration declaration(DatadogCustomVariable v) {
    String uid = RecentSecretValues.uid(v);
    Optional<Set<String>> read = references.of(uid);
    String version = v.getMetadata().getResourceVersion();
    Made m = made.get(uid);
    if (m == null || version == null || !version.equals(m.resourceVersion()) || !read.equals(m.read())) {
      m = new Made(version, read, make(v, uid, read));
      made.put(uid, m);
    }
    return m.declaration();
  }

  private VariableCheck.Declaration make(DatadogCustomVariable v, String uid, Optional<Set<String>> read) {
    var spec = v.getSpec();
    // the secrecy Datadog holds, or will: the same default the variable's own reconcile applies
    boolean secret = CustomVariableKind.secret(spec, ResourceKind.History.of(v.getStatus()));
    String shared = v.getMetadata().getAnnotations() == null ? null
        : v.getMetadata().getAnnotations().get(VariableGate.SHARED_WITH);
    Set<String> sharedWith = shared == null ? Set.of() : Arrays.stream(shared.split(",")).map(String::trim)
        .filter(x -> !x.isEmpty()).collect(Collectors.toSet());
    // a literal value is read here; one from a Secret only by the variable's own reconcile
    Optional<Set<String>> refs = read;
    if (spec.getValue() != null) {
      // the literal asked for, and what was read and applied before (Datadog may still hold that)
      Set<String> literal = new java.util.HashSet<>(read.orElse(Set.of()));
      TemplateVariables.extract(spec.getValue()).forEach(r -> literal.add(r.upper()));
      refs = Optional.of(Set.copyOf(literal));
    }
    return new VariableCheck.Declaration(uid, v.getMetadata().getNamespace(), secret, sharedWith, refs);
  }
}
