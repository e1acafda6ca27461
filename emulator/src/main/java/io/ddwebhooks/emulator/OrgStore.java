package io.ddwebhooks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Datadog org: its webhooks and custom variables (as stored, secret values included), the keys that reach it,
 * its own latency if any, and its writes in flight (writes to one org must not overlap; writes to two orgs may).
 * The object maps are guarded by this store's monitor: the endpoints hold it for each check-then-write.
 */
final class OrgStore {

  private final String name;
  /** Null: any non-empty key. */
  private final String apiKey;
  private final String appKey;
  final Map<String, ObjectNode> webhooks = new LinkedHashMap<>();
  final Map<String, ObjectNode> variables = new LinkedHashMap<>();
  /** Auth methods (API v2) by id: their attributes, client_secret included. */
  final Map<String, ObjectNode> authMethods = new LinkedHashMap<>();
  private final Set<WriteTicket> writesInFlight = new HashSet<>();
  private final AtomicInteger maxConcurrentWrites = new AtomicInteger();
  private volatile Duration readLatency;
  private volatile Duration writeLatency;

  /** One write while it is being processed; {@code overlapped} once another write to the org ran beside it. */
  static final class WriteTicket {
    private volatile boolean overlapped;

    boolean overlapped() {
      return overlapped;
    }
  }

  OrgStore(String name, String apiKey, String appKey) {
    this.name = name;
    this.apiKey = apiKey;
    this.appKey = appKey;
  }

  String name() {
    return name;
  }

  /** Whether these keys are accepted: equal to this org's, or any non-empty keys where the org has none set. */
  boolean accepts(String key, String app) {
    return authorized(key, apiKey) && authorized(app, appKey);
  }

  /** Whether these are exactly this org's keys. */
  boolean hasKeys(String key, String app) {
    return apiKey != null && apiKey.equals(key) && appKey != null && appKey.equals(app);
  }

  /** True for a default org started without keys. */
  boolean acceptsAnyKeys() {
    return apiKey == null && appKey == null;
  }

  private static boolean authorized(String given, String expected) {
    return given != null && !given.isBlank() && (expected == null || expected.equals(given));
  }

  // ---------------------------------------------------------------- latency

  /** This org's own latency; null falls back to the emulator's. */
  void setLatency(Duration reads, Duration writes) {
    this.readLatency = reads;
    this.writeLatency = writes;
  }

  Duration readLatency() {
    return readLatency;
  }

  Duration writeLatency() {
    return writeLatency;
  }

  // ---------------------------------------------------------------- writes in flight

  /** A write begins: counted, and flagged (with the writes it meets) when another one is in flight. */
  WriteTicket beginWrite() {
    WriteTicket ticket = new WriteTicket();
    synchronized (writesInFlight) {
      if (!writesInFlight.isEmpty()) {
        ticket.overlapped = true;
        writesInFlight.forEach(other -> other.overlapped = true);
      }
      writesInFlight.add(ticket);
      maxConcurrentWrites.accumulateAndGet(writesInFlight.size(), Math::max);
    }
    return ticket;
  }

  void endWrite(WriteTicket ticket) {
    synchronized (writesInFlight) {
      writesInFlight.remove(ticket);
    }
  }

  /** The most writes to this org that were ever being processed at once; 1 means they never overlapped. */
  int maxConcurrentWrites() {
    return maxConcurrentWrites.get();
  }

  // ---------------------------------------------------------------- objects

  synchronized Optional<JsonNode> webhook(String webhook) {
    return Optional.ofNullable(webhooks.get(webhook)).map(ObjectNode::deepCopy);
  }

  synchronized Optional<JsonNode> storedVariable(String variable) {
    return Optional.ofNullable(variables.get(variable)).map(ObjectNode::deepCopy);
  }

  synchronized List<String> webhookNames() {
    return List.copyOf(webhooks.keySet());
  }

  synchronized List<String> variableNames() {
    return List.copyOf(variables.keySet());
  }

  /** What a receiver would get if a sample monitor alert fired {@code webhook} now (secret values substituted). */
  synchronized Optional<SampleNotification.Rendered> notification(String webhook) {
    ObjectNode w = webhooks.get(webhook);
    if (w == null) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    variables.forEach((n, v) -> values.put(n, v.path("value").asText()));
    return Optional.of(SampleNotification.render(w, values));
  }

  synchronized void putWebhook(String webhook, String url) {
    webhooks.put(webhook, WebhookEndpoint.webhookObject(webhook, url, DatadogEmulator.DEFAULT_PAYLOAD, null,
        "json"));
  }

  /** Changes one field of a stored webhook (it must exist). */
  synchronized void editWebhook(String webhook, String field, String value) {
    webhooks.get(webhook).put(field, value);
  }

  synchronized void deleteWebhook(String webhook) {
    webhooks.remove(webhook);
  }

  synchronized void putVariable(String variable, String value, boolean secret) {
    variables.put(variable, CustomVariableEndpoint.variableObject(variable, value, secret));
  }

  synchronized void deleteVariable(String variable) {
    variables.remove(variable);
  }

  synchronized List<String> authMethodNames() {
    return authMethods.values().stream().map(a -> a.path("name").asText()).toList();
  }

  /** The auth method named {@code name} as stored (its id under "id", client_secret included). */
  synchronized Optional<JsonNode> storedAuthMethod(String name) {
    return authMethods.entrySet().stream().filter(e -> name.equals(e.getValue().path("name").asText())).findFirst()
        .map(e -> e.getValue().deepCopy().put("id", e.getKey()));
  }

  /** Stores an auth method as if someone made it in the Datadog UI; returns its id. */
  synchronized String putAuthMethod(String name, String url, String clientId, String secret) {
    String id = java.util.UUID.randomUUID().toString();
    authMethods.put(id, AuthMethodEndpoint.stored(name, url, clientId, secret, null, null));
    return id;
  }

  /** Changes one attribute of the auth method named {@code name} (it must exist). */
  synchronized void editAuthMethod(String name, String field, String value) {
    authMethods.values().stream().filter(a -> name.equals(a.path("name").asText())).findFirst().orElseThrow()
        .put(field, value);
  }

  synchronized void deleteAuthMethod(String name) {
    authMethods.values().removeIf(a -> name.equals(a.path("name").asText()));
  }

  /** Forgets every object and the write high-water mark (not the keys, not the latency). */
  synchronized void clear() {
    webhooks.clear();
    variables.clear();
    authMethods.clear();
    maxConcurrentWrites.set(0);
  }
}
