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
  private final double readsPerSecond;

  /** {@code clients}: the raw (unserialised) API for a target; called once per org and key pair. Reads unpaced. */
  public DatadogOrgs(Function<OrgTarget, WebhooksIntegrationApi> clients) {
    this(clients, 0);
  }

  /** As above, with each org's reads paced to {@code readsPerSecond} (0: not paced). */
  public DatadogOrgs(Function<OrgTarget, WebhooksIntegrationApi> clients, double readsPerSecond) {
    this.clients = clients;
    this.readsPerSecond = readsPerSecond;
  }

  /** The API of {@code target}'s org, its writes serialised with every other writer of that org. */
  public WebhooksIntegrationApi api(OrgTarget target) {
    return new SerializedWrites(client(target), gates.computeIfAbsent(target.key(), k -> new PriorityWriteGate()),
        MAX_WAITING_PER_ORG, readsPerSecond <= 0 ? null
            : pacers.computeIfAbsent(target.key(), k -> new ReadPacer(readsPerSecond)));
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

  /**
   * Runs {@code call} (reads, then perhaps a write) with {@code priority} for {@code tenant} (a namespace). A user's
   * change first takes a place in the org's write queue, so that a full queue turns it away ({@code busy} answers)
   * before it spends a read.
   */
  public <V> V inTurn(OrgTarget target, WritePriority priority, String tenant, Supplier<V> call, Supplier<V> busy) {
    PriorityWriteGate gate = gates.computeIfAbsent(target.key(), k -> new PriorityWriteGate());
    if (priority == WritePriority.USER_CHANGE && !gate.reserve(priority, tenant, MAX_WAITING_PER_ORG)) {
      return busy.get();
    }
    try {
      return WritePriority.run(priority, tenant, call);
    } finally {
      gate.unreserve();
    }
  }

  /** Whether a user's change of {@code tenant} to {@code target}'s org now would find no place in its queue. */
  public boolean writeQueueFull(OrgTarget target, String tenant) {
    PriorityWriteGate gate = gates.get(target.key());
    return gate != null && gate.full(WritePriority.USER_CHANGE, tenant, MAX_WAITING_PER_ORG);
  }

  /** Writers waiting for their org's turn, all orgs together. */
  public int queuedWrites() {
    return gates.values().stream().mapToInt(PriorityWriteGate::queued).sum();
  }
}
