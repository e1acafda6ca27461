package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.datadog.DatadogOrgs;
import io.ddwebhooks.operator.datadog.OrgTarget;
import io.ddwebhooks.operator.datadog.OrgTurn;
import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import io.ddwebhooks.operator.datadog.WritePriority;
import io.ddwebhooks.operator.sync.Converger;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.Outcomes;
import io.ddwebhooks.operator.sync.RemoteObjects;
import io.ddwebhooks.operator.sync.ResourceKind;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link Converger}s of one kind, each made for the work it serves at one Datadog org: its calls carry that
 * work's priority and tenant down to the org's write queue and read pace. Work done in a turn ({@link #inTurn}) takes
 * its place in the write queue before it reads, when it is a user's change; the rest take one when they write.
 */
final class Convergers<T> {

  private final ResourceKind<?, T> kind;
  private final Function<WebhooksIntegrationApi, RemoteObjects<T>> remote;
  private final DatadogOrgs orgs;

  Convergers(ResourceKind<?, T> kind, Function<WebhooksIntegrationApi, RemoteObjects<T>> remote, DatadogOrgs orgs) {
    this.kind = kind;
    this.remote = remote;
    this.orgs = orgs;
  }

  /** A converger at {@code target}'s org whose calls go with {@code priority} for {@code tenant} (null: none). */
  Converger<T> at(OrgTarget target, WritePriority priority, String tenant) {
    return new Converger<>(kind, remote.apply(orgs.api(target, priority, tenant)));
  }

  /**
   * {@code work} in a turn at {@code target}'s org: a user's change first takes its place in the org's write queue,
   * and when there is none it is sent back without reading anything ({@code name} waits for its turn).
   */
  Outcome inTurn(OrgTarget target, WritePriority priority, String tenant, String name,
      Function<Converger<T>, Outcome> work) {
    try (OrgTurn turn = orgs.enter(target, priority, tenant)) {
      return turn.admitted() ? work.apply(new Converger<>(kind, remote.apply(turn.api()))) : Outcomes.busy(name);
    }
  }

  /** The id Datadog gave the object named {@code name}, as the org's client last saw it (no call is made). */
  Optional<String> knownId(OrgTarget target, String name) {
    return remote.apply(orgs.api(target, WritePriority.USER_CHANGE, null)).id().apply(name);
  }
}
