package io.ddwebhooks.operator.datadog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Datadog orgs the operator talks to: one write gate per org (writes to an org are serialised, writes to two orgs
 * run in parallel), and an API client per org and key pair (a rotated key is used from the next call on). A writer
 * waits for its org's turn only while few others wait; past that it is told the org is busy and comes back later,
 * so one slow or rate-limited org can never hold the worker threads every org shares.
 */
public final class DatadogOrgs {

  /** Writers that may wait for one org's turn at once; more are sent back (reconciled again shortly). */
  public static final int MAX_WAITING_PER_ORG = 4;

  private final Function<OrgTarget, WebhooksIntegrationApi> clients;
  private final Map<String, PriorityWriteGate> gates = new ConcurrentHashMap<>();
  private final Map<String, WebhooksIntegrationApi> byKeys = new ConcurrentHashMap<>();

  /** {@code clients}: the raw (unserialised) API for a target; called once per org and key pair. */
  public DatadogOrgs(Function<OrgTarget, WebhooksIntegrationApi> clients) {
    this.clients = clients;
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
        MAX_WAITING_PER_ORG);
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

  /** Writers waiting for their org's turn, all orgs together. */
  public int queuedWrites() {
    return gates.values().stream().mapToInt(PriorityWriteGate::queued).sum();
  }
}
