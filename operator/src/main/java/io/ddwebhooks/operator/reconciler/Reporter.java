package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.config.Backoff;
import io.ddwebhooks.operator.reconciler.kube.EventSink;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.Redactor;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place an {@link Outcome} becomes what users and machines see: the Ready reason and message, a Kubernetes
 * Event, a log line, a metric, and when to reconcile again. Keeps the consecutive-failure count per resource for
 * backoff (in memory; a restart resets it; {@link #forget} drops it when the resource goes).
 */
final class Reporter {

  private static final Logger LOG = LoggerFactory.getLogger(Reporter.class);

  /** The longest message copied to status, an Event or a log line. */
  static final int MAX_MESSAGE = 900;

  private final EventSink events;
  private final ReconcileObserver observer;
  private final Backoff backoff;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final Verifications verifications;

  Reporter(EventSink events, ReconcileObserver observer, Backoff backoff, Clock clock, DoubleSupplier random,
      Verifications verifications) {
    this.verifications = verifications;
    this.events = events;
    this.observer = observer;
    this.backoff = backoff;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Reports {@code outcome} of a reconcile in {@code draft} (Ready), Events, logs and metrics; returns when to come
   * back: {@code recheck} after a success, never when only a change to the resource or a Secret can help, else a
   * backoff. Every message passes through {@code redactor} first.
   */
  Optional<Duration> reconciled(HasMetadata resource, StatusDraft draft, Outcome outcome, Redactor redactor,
      Duration recheck) {
    if (outcome instanceof Outcome.Queued q) {
      // nothing happened: the status stays as it is, and the resource comes back once the queue has moved
      LOG.debug("{}", outcome.message());
      return Optional.of(q.after().map(d -> d.plus(soon())).orElseGet(this::soon));
    }
    if (outcome instanceof Outcome.Stopped) {
      // the operator is stopping: not a failure of this resource; no status, no Event (the next leader looks again)
      LOG.debug("{}", outcome.message());
      return Optional.of(soon());
    }
    String message = shorten(redactor.redact(outcome.message()));
    OutcomeTable.Row shown = OutcomeTable.of(outcome.getClass());
    Optional<Condition> previous = io.ddwebhooks.operator.status.ReadyCondition.of(draft.status());
    draft.ready(shown.reason(), message, clock.instant());
    observer.reconciled(resource.getKind(), shown.reason().name());
    observer.state(resource.getKind(), uid(resource), shown.reason().name());
    if (outcome instanceof Outcome.Applied w) {
      wrote(resource, w, redactor.redact(w.event()), redactor);
    } else if (outcome instanceof Outcome.Synced) {
      LOG.debug("{}", message);
    } else if (outcome instanceof Outcome.Internal) {
      // always logged: the log carries the cause the status leaves out
      LOG.error("{}", message);
      events.warning(resource, shown.reason().name(), message);
    } else if (shown.failure()) {
      warnOnce(resource, previous, shown.reason(), message);
    }
    return next(uid(resource), outcome, recheck);
  }

  /** Reports a deletion attempt; returns empty when the finalizer may go, else when to try again. */
  Optional<Duration> deleted(HasMetadata resource, Outcome outcome, Redactor redactor) {
    if (outcome instanceof Outcome.Queued || outcome instanceof Outcome.Stopped) {
      return Optional.of(Duration.ofMillis(1000 + Math.round(2000 * random.getAsDouble())));
    }
    String message = shorten(redactor.redact(outcome.message()));
    if (outcome instanceof Outcome.Synced) {
      forget(resource);
      LOG.info("{}", message);
      events.normal(resource, "Deleted", message);
      return Optional.empty();
    }
    OutcomeTable.Row shown = OutcomeTable.of(outcome.getClass());
    Duration wait = next(uid(resource), outcome, Duration.ZERO)
        .orElseGet(() -> backoff.after(failures.getOrDefault(uid(resource), 1), random.getAsDouble()));
    String text = "could not delete from Datadog, retrying in " + wait.toSeconds() + "s: " + message;
    LOG.warn("{}", text);
    events.warning(resource, shown.reason().name(), text);
    return Optional.of(wait);
  }

  void forget(HasMetadata resource) {
    failures.remove(uid(resource));
    observer.gone(uid(resource));
    verifications.forget(resource);
  }

  int tracked() {
    return failures.size() + verifications.size();
  }

  /** When to come back, from the outcome's row; counts consecutive failures for the backoff. */
  private Optional<Duration> next(String uid, Outcome outcome, Duration recheck) {
    return switch (OutcomeTable.of(outcome.getClass()).retry()) {
      case AT_RESET -> {
        int count = failures.merge(uid, 1, Integer::sum);
        // a little spread so that everything waiting on one reset does not fire at once
        yield Optional.of(((Outcome.RateLimited) outcome).reset()
            .map(d -> d.plusMillis(Math.round(1000 * random.getAsDouble())))
            .orElseGet(() -> backoff.after(count, random.getAsDouble())));
      }
      case BACKOFF -> Optional.of(backoff.after(failures.merge(uid, 1, Integer::sum), random.getAsDouble()));
      case AUTH -> {
        failures.merge(uid, 1, Integer::sum);
        yield Optional.of(backoff.authFailureRetry());
      }
      case ON_CHANGE -> Optional.empty();
      case SOON -> Optional.of(soon());
      case RECHECK -> {
        failures.remove(uid);
        yield Optional.of(recheck);
      }
    };
  }

  private void wrote(HasMetadata resource, Outcome.Applied w, String message, Redactor redactor) {
    if (w.drift()) {
      LOG.warn("{}", message);
      events.warning(resource, "DriftCorrected", message);
      observer.driftCorrected(resource.getKind());
      return;
    }
    LOG.info("{}", message);
    events.normal(resource, eventReason(w.change()), message);
    w.notice().map(redactor::redact).ifPresent(n -> events.warning(resource, "RenameNotice", n));
  }

  private static String eventReason(Outcome.Change change) {
    return switch (change) {
      case CREATED -> "Created";
      case RECREATED -> "Recreated";
      case UPDATED -> "Updated";
      case RENAMED -> "Renamed";
      case ADOPTED -> "Adopted";
      case RECOVERED -> "Recovered";
    };
  }

  /** A failure is logged and recorded as an Event only when its reason or message changes, not on every retry. */
  private void warnOnce(HasMetadata resource, Optional<Condition> previous, Reason reason, String message) {
    boolean news = previous.isEmpty() || !Objects.equals(previous.get().getReason(), reason.name())
        || !Objects.equals(previous.get().getMessage(), message);
    if (news) {
      LOG.warn("{}: {}", reason, message);
      events.warning(resource, reason.name(), message);
    } else {
      LOG.debug("{} (unchanged): {}", reason, message);
    }
  }

  /** Once the org's write queue has moved on: 1 to 3 seconds, spread. */
  private Duration soon() {
    return Duration.ofMillis(1000 + Math.round(2000 * random.getAsDouble()));
  }

  /** Shortened after redaction, so that no cut can leave part of a secret unrecognised. */
  private static String shorten(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
  }

  private static String uid(HasMetadata resource) {
    return RecentSecretValues.uid(resource);
  }
}
