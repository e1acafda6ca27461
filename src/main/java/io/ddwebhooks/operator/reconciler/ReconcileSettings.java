package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.config.AdoptionScope;
import io.ddwebhooks.operator.config.Backoff;
import io.ddwebhooks.operator.config.TemplateRules;
import io.ddwebhooks.operator.datadog.DatadogOrgs;
import io.ddwebhooks.operator.sync.Fingerprints;
import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * What a reconciler needs besides its kind: the collaborators with side effects (each an interface or a plain object,
 * so a unit test passes plain fakes), the Datadog orgs and how to pick one, the operator's settings, and the clock and
 * random source (injected so tests control them).
 */
public record ReconcileSettings(SecretSource secrets, EventSink events, StatusCheckpoint checkpoint,
    ReconcileObserver observer, Backoff backoff, Duration resync, AdoptionScope adoption, TemplateRules templates,
    Fingerprints fingerprints,
    DatadogOrgs orgs, CredentialsResolver credentials, OrgHealth health, Clock clock, DoubleSupplier random) {}
