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
  private final Map<String, WebhooksIntegrationApi> byKeys = new ConcurrentHashMap<>();
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
    // one client per org and key pair; a rotation adds one, and the stale one is dropped with the org's others
    String id = target.key() + "\n" + Integer.toHexString((target.apiKey() + "\n" + target.appKey()).hashCode());
    WebhooksIntegrationApi raw = byKeys.get(id);
    if (raw == null) {
      raw = fresh(id, target);
    }
    return new SerializedWrites(raw, gates.computeIfAbsent(target.key(), k -> new PriorityWriteGate()),
        MAX_WAITING_PER_ORG, readsPerSecond <= 0 ? null
            : pacers.computeIfAbsent(target.key(), k -> new ReadPacer(readsPerSecond)));
  }

  private synchronized WebhooksIntegrationApi fresh(String id, OrgTarget target) {
    WebhooksIntegrationApi existing = byKeys.get(id);
    if (existing != null) {
      return existing;
    }
    // keep one client per org: when the keys changed, the old client is of no more use
    byKeys.keySet().removeIf(k -> k.startsWith(target.key() + "\n"));
    WebhooksIntegrationApi created = clients.apply(target);
    byKeys.put(id, created);
    return created;
  }

  /**
   * Runs {@code call} (reads, then perhaps a write) with {@code priority}. A user's change first takes a place in
   * the org's write queue, so that a full queue turns it away ({@code busy} answers) before it spends a read.
   */
  public <V> V inTurn(OrgTarget target, WritePriority priority, Supplier<V> call, Supplier<V> busy) {
    PriorityWriteGate gate = gates.computeIfAbsent(target.key(), k -> new PriorityWriteGate());
    if (priority == WritePriority.USER_CHANGE && !gate.reserve(MAX_WAITING_PER_ORG)) {
      return busy.get();
    }
    try {
      return WritePriority.run(priority, call);
    } finally {
      gate.unreserve();
    }
  }

  /** Whether a write to {@code target}'s org now would find no place in its queue. */
  public boolean writeQueueFull(OrgTarget target) {
    PriorityWriteGate gate = gates.get(target.key());
    return gate != null && gate.full(MAX_WAITING_PER_ORG);
  }

  /** Writers waiting for their org's turn, all orgs together. */
  public int queuedWrites() {
    return gates.values().stream().mapToInt(PriorityWriteGate::queued).sum();
  }
}
