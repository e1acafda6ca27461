package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.datadog.OrgTarget;
import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import io.ddwebhooks.operator.datadog.WritePriority;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsResolver;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsWatch;
import io.ddwebhooks.operator.reconciler.kube.CachedStatusPatch;
import io.ddwebhooks.operator.reconciler.kube.SecretWatch;
import io.ddwebhooks.operator.sync.Converger;
import io.ddwebhooks.operator.sync.ResourcePolicy;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.Outcomes;
import io.ddwebhooks.operator.sync.RecordedId;
import io.ddwebhooks.operator.sync.RemoteObjects;
import io.ddwebhooks.operator.sync.ResourceKind;
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
 * The reconcile script the Datadog object kinds share: policy, validate, claim, resolve Secrets, render, converge, report. Each
 * step is a named collaborator with plain inputs; every outcome, including an exception nobody anticipated, ends in
 * status and an Event through {@link Reporter}. The subclasses only name the kind.
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
  private final Function<WebhooksIntegrationApi, RemoteObjects<T>> remote;
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
    this.remote = remote;
    this.settings = settings;
    this.orgs = new OrgStep(settings.credentials());
    this.moves = new OrgMoves(orgs, settings.events(), settings.fingerprints());
    this.verifications = new Verifications(settings.fingerprints(), settings.clock(), settings.observer());
    this.reporter = new Reporter(settings.events(), settings.observer(), settings.backoff(), settings.clock(),
        settings.random(), verifications);
    this.cleanup = new Cleanup<>(kind, orgs, moves, this::converger, reporter, settings, applied);
    this.variables = new VariableGate(settings.templates(), orgs, settings.orgs(), settings.events(),
        settings.clock(), settings.resync(), settings.references());
  }

  private Converger<T> converger(OrgTarget target) {
    return new Converger<>(kind, remote.apply(settings.orgs().api(target)));
  }

  @Override
  public UpdateControl<R> reconcile(R resource, Context<R> context) {
    return CachedStatusPatch.apply(reconcile(resource, NameClaims.claimants(context, datadogName(resource))),
        resource, context);
  }

  /** One reconcile; {@code claimants} are the resources of this kind that claim the same Datadog name. */
  public UpdateControl<R> reconcile(R resource, Collection<R> claimants) {
    StatusDraft book = StatusDraft.open(resource, settings.fingerprints()).checkpointWith(settings.checkpoint());
    ResourcePolicy directives = settings.directives(resource);
    Run run = new Run();
    try {
      run.outcome = converge(resource, directives, book, claimants, run);
    } catch (RuntimeException e) {
      run.outcome = InternalErrors.outcome(LOG, "reconcile", e);
    }
    Optional<Duration> next = reporter.reconciled(resource, book, run.outcome, applied.redactor(resource,
        run.values).and(settings.credentials().knownKeys(resource.getMetadata().getNamespace())),
        run.recheck != null ? run.recheck : directives.checkEvery(settings.resync()));
    applied.remember(resource, run.values); // whatever the answer: a failed write may have been applied
    if (run.outcome instanceof Outcome.Synced || run.outcome instanceof Outcome.Applied) {
      settings.references().applied(resource);
    }
    return book.control(resource, next, !(run.outcome instanceof Outcome.Stopped));
  }

  /** What one run resolved, so that the report can redact what the run read even when a step threw. */
  private static final class Run {
    SecretValues values = SecretValues.none();
    Outcome outcome;
    Duration recheck;
  }

  private Outcome converge(R resource, ResourcePolicy directives, StatusDraft book, Collection<R> claimants, Run run) {
    if (directives.paused()) {
      return ResourcePolicy.PAUSED;
    }
    List<String> problems = new ArrayList<>(kind.validate(resource.getSpec(), resource.getMetadata().getName()));
    problems.addAll(directives.problems());
    if (!problems.isEmpty()) {
      return new Outcome.Invalid(String.join("; ", problems));
    }
    CredentialsResolver.Resolved resolved = orgs.resolve(resource);
    if (resolved instanceof CredentialsResolver.Problem problem) {
      return problem.outcome();
    }
    CredentialsResolver.Org org = (CredentialsResolver.Org) resolved;
    boolean moving = !directives.observeOnly() && moves.start(resource, book, org);
    String name = datadogName(resource);
    String tenant = resource.getMetadata().getNamespace();
    if (!directives.observeOnly() && book.userChange(null)
        && settings.orgs().writeQueueFull(org.target(), tenant)) {
      return Outcomes.busy(name); // a write is due and would find no place: not even its Secrets are read now
    }
    Optional<R> holder = NameClaims.otherOwner(resource, name, orgs.sameOrg(claimants, org), this::datadogName);
    if (holder.isPresent()) {
      return NameClaims.conflict(kind.noun(), name, holder.get(), tenant);
    }
    SecretStep.Result secrets = SecretStep.read(settings.secrets(), kind, tenant, resource.getSpec());
    run.values = secrets.values();
    if (secrets.stop() != null) {
      return secrets.stop();
    }
    Optional<Outcome> refusedTemplate = variables.gate(resource, book, kind, run.values, org);
    if (refusedTemplate.isPresent()) {
      return refusedTemplate.get() instanceof Outcome.VariableNotAllowed refused && !directives.observeOnly()
          ? Withdrawal.withdraw(resource, book.status(), refused, orgs, org, converger(org.target()), settings)
          : refusedTemplate.get();
    }
    ResourceKind.History history = book.history();
    T desired = kind.render(resource.getSpec(), resource.getMetadata().getName(), run.values, history);
    WritePriority priority = book.userChange(run.values.versions()) ? WritePriority.USER_CHANGE
        : WritePriority.RESYNC;
    if (directives.observeOnly()) {
      book.observed(run.values.versions());
      return WritePriority.run(priority, tenant, () -> converger(org.target()).observe(desired));
    }
    String canonical = kind.canonical(desired);
    String fingerprint = book.fingerprint(canonical);
    Optional<String> refused = book.refusedBefore(canonical);
    if (refused.isPresent()) {
      return new Outcome.Rejected(refused.get());
    }
    Duration interval = directives.checkEvery(settings.resync());
    Optional<Verifications.Hold> hold = moving ? Optional.empty() : verifications.hold(resource, book.status(),
        canonical, name, org, run.values.versions(), interval);
    if (hold.isPresent()) {
      run.recheck = hold.get().recheck();
      return hold.get().outcome();
    }
    // the id status recorded counts only in the org status names (a move has already cleared it)
    Optional<RecordedId> recorded = orgs.recordedIn(resource, org) ? RecordedId.of(book.status()) : Optional.empty();
    book.writingTo(org.record());
    // a user's change takes its place in the org's write queue before it reads, or waits without reading
    Outcome outcome = settings.orgs().inTurn(org.target(), priority, tenant, () -> converger(org.target())
        .recorded(recorded).apply(desired, book.ownership(directives, canonical, kind.recognizable(desired),
            settings.clock().instant()), book.intent()), () -> Outcomes.busy(name));
    book.settle(outcome, name, fingerprint, run.values.versions(), settings.clock().instant(), org.record(),
        kind.appliedIsSecret(desired).orElse(null));
    settings.health().record(org.source(), outcome);
    if (outcome instanceof Outcome.Synced || outcome instanceof Outcome.Applied) {
      remote.apply(settings.orgs().api(org.target())).id().apply(name).ifPresent(book.status()::setId);
      run.recheck = verifications.verified(resource, interval);
      kind.advice(resource.getSpec(), history).ifPresent(a -> settings.events().warning(resource, "SetExplicitly", a));
      outcome = moving ? moves.finish(resource, book, directives, outcome, this::converger) : outcome;
    }
    return outcome;
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
    sources.add(SecretWatch.eventSource(context, type, r -> SecretStep.validRefs(kind, r)));
    sources.addAll(variables.watch(context, type, kind));
    return sources;
  }

  /** The name the resource asks for in Datadog. */
  public String datadogName(R resource) {
    return kind.datadogName(resource.getSpec(), resource.getMetadata().getName());
  }

  /** Entries of per-resource state held (backoff, applied values); must shrink as resources go, and only this shows it. */
  int trackedFailures() {
    return reporter.tracked() + applied.size();
  }
}
