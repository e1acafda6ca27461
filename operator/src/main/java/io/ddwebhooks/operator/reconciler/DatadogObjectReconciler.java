package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import io.ddwebhooks.operator.datadog.WritePriority;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsResolver;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsWatch;
import io.ddwebhooks.operator.reconciler.kube.CachedStatusPatch;
import io.ddwebhooks.operator.reconciler.kube.SecretEvents;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.Outcomes;
import io.ddwebhooks.operator.sync.RecordedId;
import io.ddwebhooks.operator.sync.RemoteObjects;
import io.ddwebhooks.operator.sync.ResourceKind;
import io.ddwebhooks.operator.sync.ResourcePolicy;
import io.ddwebhooks.operator.sync.SecretValues;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconcile script the Datadog object kinds share: policy, validate, claim, resolve Secrets, render, converge,
 * report. Each step is a named collaborator with plain inputs; every outcome, including an exception nobody
 * anticipated, ends in status and an Event through {@link Reporter}. The subclasses only name the kind.
 *
 * @param <R> the custom resource
 * @param <S> its spec
 * @param <T> the Datadog wire object it declares
 */
public abstract class DatadogObjectReconciler<R extends CustomResource<S, DatadogResourceStatus>,
    S extends ManagedSpec, T> implements Reconciler<R>, Cleaner<R> {

  private static final Logger LOG = LoggerFactory.getLogger(DatadogObjectReconciler.class);

  private final Class<R> type;
  private final ResourceKind<S, T> kind;
  private final Convergers<T> convergers;
  private final ReconcileSettings settings;
  private final OrgStep orgs;
  private final OrgMoves moves;
  private final Reporter reporter;
  private final Cleanup<R, S, T> cleanup;
  private final RecentSecretValues applied = new RecentSecretValues();
  private final VariableGate variables;
  private final Verifications verifications;

  protected DatadogObjectReconciler(Class<R> type, ResourceKind<S, T> kind,
      Function<WebhooksIntegrationApi, RemoteObjects<T>> remote, ReconcileSettings settings) {
    this.type = type;
    this.kind = kind;
    this.convergers = new Convergers<>(kind, remote, settings.orgs());
    this.settings = settings;
    this.orgs = new OrgStep(settings.credentials());
    this.moves = new OrgMoves(orgs, settings.events(), settings.fingerprints());
    this.verifications = new Verifications(settings.fingerprints(), settings.clock(), settings.observer());
    this.reporter = new Reporter(settings.events(), settings.observer(), settings.backoff(), settings.clock(),
        settings.random(), verifications);
    this.cleanup = new Cleanup<>(kind, orgs, moves, convergers, reporter, settings, applied);
    this.variables = new VariableGate(settings.templates(), orgs, settings.orgs(), settings.events(),
        settings.clock(), settings.resync(), settings.references());
  }

  @Override
  public UpdateControl<R> reconcile(R resource, Context<R> context) {
    return CachedStatusPatch.apply(reconcile(resource, NameClaims.claimants(context, datadogName(resource))),
        resource, context);
  }

  /** One reconcile; {@code claimants} are the resources of this kind that claim the same Datadog name. */
  public UpdateControl<R> reconcile(R resource, Collection<R> claimants) {
    StatusDraft draft = StatusDraft.open(resource, settings.fingerprints())
        .checkpointWith(settings.checkpoint(), settings.clock());
    ResourcePolicy policy = settings.policy(resource);
    Run run;
    try {
      run = converge(resource, policy, draft, claimants);
    } catch (RuntimeException e) {
      run = new Run(InternalErrors.outcome(LOG, "reconcile", e));
    }
    Optional<Duration> next = reporter.reconciled(resource, draft, run.outcome(), applied.redactor(resource,
        run.values()).and(settings.credentials().knownKeys(resource.getMetadata().getNamespace())),
        run.recheck() != null ? run.recheck() : policy.checkEvery(settings.resync()));
    applied.remember(resource, run.values()); // whatever the answer: a failed write may have been applied
    if (run.outcome() instanceof Outcome.Synced || run.outcome() instanceof Outcome.Applied) {
      settings.references().applied(resource);
    }
    return draft.control(resource, next, !(run.outcome() instanceof Outcome.Stopped));
  }

  /** What one run came to, the Secret values it read (to redact) and when to look again (null: at the interval). */
  private record Run(Outcome outcome, SecretValues values, Duration recheck) {
    Run(Outcome outcome) {
      this(outcome, SecretValues.none(), null);
    }
  }

  private Run converge(R resource, ResourcePolicy policy, StatusDraft draft, Collection<R> claimants) {
    if (policy.paused()) {
      return new Run(ResourcePolicy.PAUSED);
    }
    List<String> problems = new ArrayList<>(kind.validate(resource.getSpec(), resource.getMetadata().getName()));
    problems.addAll(policy.problems());
    if (!problems.isEmpty()) {
      return new Run(new Outcome.Invalid(String.join("; ", problems)));
    }
    CredentialsResolver.Resolved resolved = orgs.resolve(resource);
    if (resolved instanceof CredentialsResolver.Problem problem) {
      return new Run(problem.outcome());
    }
    CredentialsResolver.Org org = (CredentialsResolver.Org) resolved;
    boolean moving = !policy.observeOnly() && moves.start(resource, draft, org);
    String name = datadogName(resource);
    String tenant = resource.getMetadata().getNamespace();
    if (!policy.observeOnly() && draft.userChange(null)
        && settings.orgs().wouldTurnAway(org.target(), WritePriority.USER_CHANGE, tenant)) {
      return new Run(Outcomes.busy(name)); // a write is due and would find no place: its Secrets are not read now
    }
    Optional<R> holder = NameClaims.otherOwner(resource, name, orgs.sameOrg(claimants, org), this::datadogName);
    if (holder.isPresent()) {
      return new Run(NameClaims.conflict(kind.noun(), name, holder.get(), tenant));
    }
    SecretStep.Result secrets = SecretStep.read(settings.secrets(), kind, tenant, resource.getSpec());
    try {
      return secrets.stop() != null ? new Run(secrets.stop(), secrets.values(), null)
          : convergeWith(resource, policy, draft, org, moving, secrets.values());
    } catch (RuntimeException e) {
      // the values read are redacted from the report (and remembered) even when a later step threw
      return new Run(InternalErrors.outcome(LOG, "reconcile", e), secrets.values(), null);
    }
  }

  /** The run once its Secrets were read ({@code values}): render, compare, write. */
  private Run convergeWith(R resource, ResourcePolicy policy, StatusDraft draft, CredentialsResolver.Org org,
      boolean moving, SecretValues values) {
    String name = datadogName(resource);
    String tenant = resource.getMetadata().getNamespace();
    Optional<Outcome> refusedTemplate = variables.gate(resource, draft, kind, values, org);
    if (refusedTemplate.isPresent()) {
      return new Run(refusedTemplate.get() instanceof Outcome.VariableNotAllowed refused && !policy.observeOnly()
          ? Withdrawal.withdraw(resource, draft.status(), refused, orgs, org, convergers, settings)
          : refusedTemplate.get(), values, null);
    }
    ResourceKind.History history = draft.history();
    T desired = kind.render(resource.getSpec(), resource.getMetadata().getName(), values, history);
    WritePriority priority = draft.userChange(values.versions()) ? WritePriority.USER_CHANGE : WritePriority.RESYNC;
    if (policy.observeOnly()) {
      draft.observed(values.versions());
      return new Run(convergers.at(org.target(), priority, tenant).observe(desired), values, null);
    }
    String canonical = kind.canonical(desired);
    String fingerprint = draft.fingerprint(canonical);
    Optional<String> refused = draft.refusedBefore(canonical);
    if (refused.isPresent()) {
      return new Run(new Outcome.Rejected(refused.get()), values, null);
    }
    Duration interval = policy.checkEvery(settings.resync());
    Optional<Verifications.Hold> hold = moving ? Optional.empty() : verifications.hold(resource, draft.status(),
        canonical, name, org, values.versions(), interval);
    if (hold.isPresent()) {
      return new Run(hold.get().outcome(), values, hold.get().recheck());
    }
    // the id status recorded counts only in the org status names (a move has already cleared it)
    Optional<RecordedId> recorded = orgs.recordedIn(resource, org) ? RecordedId.of(draft.status()) : Optional.empty();
    draft.writingTo(org.record());
    Outcome outcome = convergers.inTurn(org.target(), priority, tenant, name, converger -> converger.recorded(recorded)
        .apply(desired, draft.ownership(policy, canonical, kind.recognizable(desired), settings.clock().instant()),
            draft.intent()));
    draft.settle(outcome, name, fingerprint, values.versions(), settings.clock().instant(), org.record(),
        kind.appliedIsSecret(desired).orElse(null));
    settings.health().record(org.source(), outcome);
    Duration recheck = null;
    if (outcome instanceof Outcome.Synced || outcome instanceof Outcome.Applied) {
      convergers.knownId(org.target(), name).ifPresent(draft.status()::setId);
      recheck = verifications.verified(resource, interval);
      kind.advice(resource.getSpec(), history).ifPresent(a -> settings.events().warning(resource, "SetExplicitly", a));
      outcome = moving ? moves.finish(resource, draft, policy, outcome, convergers) : outcome;
    }
    return new Run(outcome, values, recheck);
  }

  @Override
  public DeleteControl cleanup(R resource, Context<R> context) {
    return cleanup.cleanup(resource);
  }

  @Override
  public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
    NameClaims.index(context, this::datadogName);
    List<EventSource<?, R>> sources = new ArrayList<>(CredentialsWatch.eventSources(context, type,
        settings.credentials().kinds(), settings.credentials().defaultCredentials()));
    sources.add(settings.watches().secrets().eventSource(context, type.getSimpleName() + "-secrets",
        r -> SecretStep.validRefs(kind, r).stream()
            .map(ref -> SecretEvents.key(r.getMetadata().getNamespace(), ref.getName())).toList()));
    // after CredentialsWatch, whose index the credentials controllers count users by
    sources.add(settings.watches().users().register(context, type));
    sources.addAll(variables.watch(context, type, kind, settings.watches().variables()));
    return sources;
  }

  /** The name the resource asks for in Datadog. */
  public String datadogName(R resource) {
    return kind.datadogName(resource.getSpec(), resource.getMetadata().getName());
  }

  /** Entries of per-resource state held (backoff, applied values): must shrink as resources go; only this shows it. */
  int trackedFailures() {
    return reporter.tracked() + applied.size();
  }
}
