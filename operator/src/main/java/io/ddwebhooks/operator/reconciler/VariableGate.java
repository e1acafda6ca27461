package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.config.TemplateRules;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.datadog.DatadogOrgs;
import io.ddwebhooks.operator.datadog.Operation;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsResolver;
import io.ddwebhooks.operator.reconciler.kube.EventSink;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.sync.CustomVariableKind;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.Outcomes;
import io.ddwebhooks.operator.sync.ResourceKind;
import io.ddwebhooks.operator.sync.SecretValues;
import io.ddwebhooks.operator.sync.TemplateVariables;
import io.ddwebhooks.operator.sync.VariableCheck;
import io.ddwebhooks.operator.sync.WebhookKind;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The template-variable step for webhooks: what the org's DatadogCustomVariables declare (from the custom variable
 * controller's cache, whose events also re-run the webhooks that refer to a variable when it comes, changes or goes),
 * what Datadog holds for names no resource declares (one GET per org and name, kept for the resync interval), and the
 * Warning an owner gets about foreign references to its secret variable (a count, never where).
 */
final class VariableGate {

  static final String SHARED_WITH = "ddwebhooks.io/shared-with";
  static final String TYPE = "VariablesResolved";
  private static final String INDEX = "by-variable";
  private static final String UNRESOLVED = "*unresolved*";
  private static final CustomVariableKind VARIABLES = new CustomVariableKind();

  private final TemplateRules rules;
  private final OrgStep orgs;
  private final UndeclaredVariableCache held;
  private final EventSink events;
  private final Clock clock;
  private final Map<String, Integer> toldOwners = new ConcurrentHashMap<>();
  private volatile VariableWatch variables;
  private final DeclaredVariables declared;
  private final VariableReferences references;
  private volatile io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache<?> webhooks;
  static final int MAX_VARIABLES = 64; // distinct custom variables in one resource's templates

  VariableGate(TemplateRules rules, OrgStep orgs, DatadogOrgs datadog, EventSink events, Clock clock, Duration keep,
      VariableReferences references) {
    this.rules = rules;
    this.orgs = orgs;
    this.held = new UndeclaredVariableCache(datadog, clock, keep);
    this.events = events;
    this.clock = clock;
    this.declared = new DeclaredVariables(clock, references);
    this.references = references;
  }

  /**
   * For the webhook controller: indexes webhooks by the names they refer to and follows the custom variables (the
   * custom variable controller's cache, {@link VariableWatch}). For the custom variable controller: lends its cache
   * and relays its events there.
   */
  <P extends CustomResource<?, DatadogResourceStatus>> List<EventSource<?, P>> watch(EventSourceContext<P> context,
      Class<P> webhookType, ResourceKind<?, ?> kind, VariableWatch watch) {
    if (webhookType == DatadogCustomVariable.class) {
      @SuppressWarnings("unchecked") // P is DatadogCustomVariable
      EventSource<?, P> relay = (EventSource<?, P>) (EventSource<?, ?>) watch.register(
          (EventSourceContext<DatadogCustomVariable>) (EventSourceContext<?>) context);
      return List.of(relay);
    }
    if (!kind.hasTemplates()) {
      return List.of();
    }
    context.getPrimaryCache().addIndexer(INDEX, p -> {
      Set<String> keys = new HashSet<>();
      if (p instanceof DatadogWebhook w) {
        WebhookKind.literalTemplates(w.getSpec()).forEach(t -> TemplateVariables.extract(t)
            .forEach(r -> keys.add(r.upper())));
      }
      if (unresolved(p.getStatus())) {
        keys.add(UNRESOLVED);
      }
      return List.copyOf(keys);
    });
    webhooks = context.getPrimaryCache();
    variables = watch;
    return List.of(watch.follower(webhookType.getSimpleName() + "-variables",
        context.getControllerConfiguration().getConfigurationService().cacheSyncTimeout(), declared::changed,
        (now, before) -> {
          Set<String> keys = new HashSet<>(Set.of(UNRESOLVED));
          keys.addAll(names(now));
          if (before != null) {
            keys.addAll(names(before));
          }
          return keys.stream().flatMap(k -> context.getPrimaryCache().byIndex(INDEX, k).stream())
              .map(ResourceID::fromResource).collect(Collectors.toSet());
        }));
  }

  /** The Datadog names a custom variable asks for and holds. */
  private static Set<String> names(DatadogCustomVariable v) {
    Set<String> names = new HashSet<>(Set.of(VARIABLES.datadogName(v.getSpec(), v.getMetadata().getName())));
    if (v.getStatus() != null && v.getStatus().getRemoteName() != null) {
      names.add(v.getStatus().getRemoteName());
    }
    return names;
  }

  /** Whether the last check found a reference it could not resolve or had to refuse. */
  private static boolean unresolved(DatadogResourceStatus status) {
    if (status == null) {
      return false;
    }
    Optional<String> reason = ReadyCondition.reason(status);
    return status.getConditions().stream().anyMatch(c -> TYPE.equals(c.getType()) && "False".equals(c.getStatus()))
        || reason.equals(Optional.of(Reason.VariableNotAllowed.name()))
        || reason.equals(Optional.of(Reason.UnknownVariable.name()));
  }

  /** Checks the texts of {@code webhook}, which lives (or will) in {@code org}. */
  VariableCheck.Result check(CustomResource<?, DatadogResourceStatus> webhook, List<VariableCheck.Text> texts,
      CredentialsResolver.Org org) {
    Map<String, VariableCheck.Declared> declared = declarations(org);
    VariableCheck.Result result = VariableCheck.check(texts, webhook.getMetadata().getNamespace(), declared,
        name -> held.held(org.target(), name, webhook.getMetadata().getNamespace()), rules);
    result.foreignSecrets().forEach(name -> tellOwner(name, declared));
    return result;
  }

  /**
   * The step in the reconcile script: checks {@code texts}, records {@value #TYPE} in the status (a Warning Event when
   * its message changes), and answers the outcome that stops the write, if any: a variable this namespace may not use,
   * or (with UNKNOWN_VARIABLES=refuse) an unknown one, which leaves what Datadog holds as it is (see {@link Withdrawal}
   * for the other); over {@value #MAX_VARIABLES} custom variables is invalid (each costs a read of the org's budget).
   */
  <S extends io.ddwebhooks.operator.crd.ManagedSpec> Optional<Outcome> gate(
      CustomResource<S, DatadogResourceStatus> webhook, StatusDraft draft,
      ResourceKind<S, ?> kind, SecretValues values, CredentialsResolver.Org org) {
    // a custom variable's value: what it refers to is checked wherever it is referred to
    kind.templateValue(webhook.getSpec(), values).ifPresent(v -> references.read(webhook, v));
    if (!kind.hasTemplates()) {
      return Optional.empty();
    }
    List<VariableCheck.Text> texts = kind.templates(webhook.getSpec(), values);
    long names = TemplateVariables.customNames(texts.stream().map(VariableCheck.Text::text).toList());
    if (names > MAX_VARIABLES) {
      return Optional.of(new Outcome.Invalid("the templates refer to " + names + " distinct custom variables; at"
          + " most " + MAX_VARIABLES + " are allowed"));
    }
    VariableCheck.Result result;
    try {
      result = check(webhook, texts, org);
    } catch (UndeclaredVariableCache.CannotTell e) {
      return Optional.of(Outcomes.failure(Operation.GET, "custom variable", e.name, e.cause));
    }
    if (!result.cannotTell().isEmpty() && rules.access() != TemplateRules.Access.OFF) {
      // what those values refer to decides whether the templates may be written: wait until it is known
      return Optional.of(new Outcome.Unavailable("the templates refer to custom variable(s) whose value is read from"
          + " a Secret the operator has not read yet, or to too many variables to follow: the names in those values"
          + " are checked before anything is written; retried"));
    }
    String message = result.resolved() ? "every variable the templates refer to is known"
        : "unknown variable(s): " + String.join("; ", result.unknown());
    List<Condition> conditions = draft.status().getConditions();
    boolean changed = conditions.stream().noneMatch(c -> c.getType().equals(TYPE) && message.equals(c.getMessage()));
    ReadyCondition.set(conditions, TYPE, Optional.ofNullable(webhook.getMetadata().getGeneration()).orElse(0L),
        result.resolved() ? "Resolved" : Reason.UnknownVariable.name(), result.resolved() ? "True" : "False", message,
        clock.instant());
    boolean reportedAsReady = rules.refuseUnknown() && result.notAllowed().isEmpty(); // the Reporter's Event then
    if (changed && !result.resolved() && !reportedAsReady) {
      events.warning(webhook, Reason.UnknownVariable.name(), message);
    }
    if (result.notAllowed().isPresent()) {
      return Optional.of(new Outcome.VariableNotAllowed(result.notAllowed().get()));
    }
    return !result.resolved() && rules.refuseUnknown()
        ? Optional.of(new Outcome.UnknownVariable(message + "; nothing was written (UNKNOWN_VARIABLES=refuse)"))
        : Optional.empty();
  }

  private Map<String, VariableCheck.Declared> declarations(CredentialsResolver.Org org) {
    var source = variables;
    return source == null ? Map.of() : declared.of(org.target().key(), source::list, orgs.inOrgOfMany(org));
  }

  /** Tells a secret variable's owner how many webhooks of other namespaces refer to it (when that number changes). */
  private void tellOwner(String name, Map<String, VariableCheck.Declared> declared) {
    var source = variables;
    var cache = webhooks;
    VariableCheck.Declaration d = Optional.ofNullable(declared.get(name)).flatMap(VariableCheck.Declared::holder)
        .orElse(null);
    if (source == null || cache == null || d == null) {
      return;
    }
    long foreign = cache.byIndex(INDEX, name).stream()
        .map(w -> ((CustomResource<?, ?>) w).getMetadata().getNamespace())
        .filter(ns -> !ns.equals(d.namespace()) && !d.shared(ns)).count();
    source.list().filter(v -> RecentSecretValues.uid(v).equals(d.id()))
        .findFirst().ifPresent(owner -> {
          Integer before = toldOwners.put(owner.getMetadata().getUid() + "", (int) foreign);
          if (before == null || before != (int) foreign) {
            events.warning(owner, "ForeignReferences", foreign + " webhook(s) in other namespaces refer to this"
                + " secret variable; the operator refused them (VARIABLE_ACCESS). To allow some, annotate this"
                + " resource " + SHARED_WITH + ": \"<namespace>,...\" (or \"*\")");
          }
        });
  }
}
