package io.ddwebhooks.operator.datadog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Datadog orgs the operator talks to: one write gate per org (writes to an org are serialised, writes to two orgs
 * run in parallel), and an API client per org and key pair (a rotated key is used from the next call on). A writer
 * waits for its org's turn only while few others wait; past that it is told the org is busy and comes back later,
 * so one slow or rate-limited org can never hold the worker threads every org shares.
 */
public final class DatadogOrgs {

  /**
   * Writers that may wait for (or read before) one org's turn at once; more are sent back (reconciled again
   * shortly). Enough that a writer is always ready when the write in flight ends, even while the next ones still
   * read what to write (a read can take longer than a write); few enough that one slow or rate-limited org holds at
   * most 9 of JOSDK's 50 worker threads.
   */
  public static final int MAX_WAITING_PER_ORG = 8;

  private final Function<OrgTarget, WebhooksIntegrationApi> clients;
  private final Map<String, PriorityWriteGate> gates = new ConcurrentHashMap<>();
  private final Map<String, Map<Access, WebhooksIntegrationApi>> byKeys = new java.util.HashMap<>();
  private final Map<String, ReadPacer> pacers = new ConcurrentHashMap<>();
  private final Supplier<ReadPacer> newPacer;

  /** {@code clients}: the raw (unserialised) API for a target; called once per org and key pair. Reads unpaced. */
  public DatadogOrgs(Function<OrgTarget, WebhooksIntegrationApi> clients) {
    this(clients, 0);
  }

  /** As above, with each org's reads paced to {@code readsPerSecond} (0: not paced). */
  public DatadogOrgs(Function<OrgTarget, WebhooksIntegrationApi> clients, double readsPerSecond) {
    this(clients, readsPerSecond <= 0 ? null : () -> new ReadPacer(readsPerSecond));
  }

  /** {@code newPacer}: each org's read pace, made on its first read (null: not paced). */
  DatadogOrgs(Function<OrgTarget, WebhooksIntegrationApi> clients, Supplier<ReadPacer> newPacer) {
    this.clients = clients;
    this.newPacer = newPacer;
  }

  /**
   * Enters a turn at {@code target}'s org for calls with {@code priority} for {@code tenant} (a namespace). A user's
   * change first takes a place in the org's write queue, so that a full queue turns it away (the turn is not
   * {@link OrgTurn#admitted() admitted}) before it spends a read; a resync waits for its place when it writes.
   */
  public OrgTurn enter(OrgTarget target, WritePriority priority, String tenant) {
    PriorityWriteGate gate = gate(target);
    PriorityWriteGate.Reservation place = null;
    if (priority == WritePriority.USER_CHANGE) {
      place = gate.reserve(priority, tenant, MAX_WAITING_PER_ORG);
      if (place == null) {
        return new OrgTurn(priority, tenant, gate, null, null);
      }
    }
    return new OrgTurn(priority, tenant, gate, place, serialized(target, gate, priority, tenant, place));
  }

  /**
   * The API of {@code target}'s org for calls with {@code priority} for {@code tenant} that hold no place in its write
   * queue beforehand: a write waits for (or is refused) a place when it comes. Its writes are serialised with every
   * other writer of that org.
   */
  public WebhooksIntegrationApi api(OrgTarget target, WritePriority priority, String tenant) {
    return serialized(target, gate(target), priority, tenant, null);
  }

  /**
   * Whether {@link #enter} with {@code priority} for {@code tenant} would now be turned away, without taking a place:
   * for a change that should not even read its Secrets when it could not write, yet holds no place while it reads.
   */
  public boolean wouldTurnAway(OrgTarget target, WritePriority priority, String tenant) {
    PriorityWriteGate gate = gates.get(target.key());
    return gate != null && gate.full(priority, tenant, MAX_WAITING_PER_ORG);
  }

  private PriorityWriteGate gate(OrgTarget target) {
    return gates.computeIfAbsent(target.key(), k -> new PriorityWriteGate());
  }

  private SerializedWrites serialized(OrgTarget target, PriorityWriteGate gate, WritePriority priority,
      String tenant, PriorityWriteGate.Reservation place) {
    ReadPacer reads = newPacer == null ? null : pacers.computeIfAbsent(target.key(), k -> newPacer.get());
    return new SerializedWrites(client(target), gate, MAX_WAITING_PER_ORG, reads, priority, tenant, place);
  }

  /** How a client reaches an org: its endpoint and key pair (in memory only; never printed). */
  private record Access(java.net.URI endpoint, String apiKey, String appKey) {
    @Override
    public String toString() {
      return "Access[" + OrgTarget.display(endpoint) + "]";
    }
  }

  /**
   * One client per endpoint and key pair of an org, the last few kept: a rotation adds one, and the oldest goes
   * once an org has more than {@value #CLIENTS_PER_ORG} (two credentials of one org with their own app keys each
   * keep theirs).
   */
  private synchronized WebhooksIntegrationApi client(OrgTarget target) {
    Map<Access, WebhooksIntegrationApi> ofOrg = byKeys.computeIfAbsent(target.key(),
        k -> new java.util.LinkedHashMap<>(4, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Access, WebhooksIntegrationApi> eldest) {
            return size() > CLIENTS_PER_ORG;
          }
        });
    return ofOrg.computeIfAbsent(new Access(target.endpoint(), target.apiKey(), target.appKey()),
        a -> clients.apply(target));
  }

  private static final int CLIENTS_PER_ORG = 4;

  /** Writers waiting for their org's turn, all orgs together. */
  public int queuedWrites() {
    return gates.values().stream().mapToInt(PriorityWriteGate::queued).sum();
  }
}
