package io.ddwebhooks.operator.datadog;

/**
 * One unit of work at one Datadog org (a converge, a withdrawal): the priority and tenant its calls go with, and, for
 * a user's change, the place it took in the org's write queue before reading anything, so that a full queue turns it
 * away before it spends a read ({@link #admitted()} is false then). Its {@link #api()} carries all of that down to
 * the org's write queue and read pace. Closing it gives back a place that no write used.
 */
public final class OrgTurn implements AutoCloseable {

  private final WritePriority priority;
  private final String tenant;
  private final PriorityWriteGate gate;
  private final PriorityWriteGate.Reservation reservation;
  private final WebhooksIntegrationApi api;

  /** {@code api}: null when the turn was not admitted. */
  OrgTurn(WritePriority priority, String tenant, PriorityWriteGate gate, PriorityWriteGate.Reservation reservation,
      WebhooksIntegrationApi api) {
    this.priority = priority;
    this.tenant = tenant;
    this.gate = gate;
    this.reservation = reservation;
    this.api = api;
  }

  public WritePriority priority() {
    return priority;
  }

  /** The namespace the work is for (waiters of different tenants take turns); null when none. */
  public String tenant() {
    return tenant;
  }

  /** False when the org's write queue had no place for this user's change: nothing may be sent in this turn. */
  public boolean admitted() {
    return api != null;
  }

  /** The org's API for this turn's calls; only for an admitted turn. */
  public WebhooksIntegrationApi api() {
    if (api == null) {
      throw new IllegalStateException("the org's write queue turned this " + priority + " away: nothing may be sent");
    }
    return api;
  }

  @Override
  public void close() {
    gate.unreserve(reservation);
  }
}
