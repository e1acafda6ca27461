package io.ddwebhooks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * An in-memory Datadog Webhooks Integration API v1, answering as the real server did in the recordings under
 * shared/reference/datadog-cassettes (a conformance test replays them): status codes, {"errors": [...]} bodies,
 * the default payload template, encode_as json by default, secret values never returned, renames through PUT,
 * 404 "... does not exist" (or the pre-2022 400 in legacy mode), both auth headers required.
 *
 * <p>For tests it adds switches (latency, canned faults, dropped connections), records every call and flags writes
 * that overlap in time, which the real API does not tolerate.
 */
public class DatadogEmulator implements AutoCloseable {

  public static final String WEBHOOKS = "/api/v1/integration/webhooks/configuration/webhooks";
  public static final String VARIABLES = "/api/v1/integration/webhooks/configuration/custom-variables";
  /** Not Datadog's: {@code GET /test/notifications/{webhook}} shows what a receiver would get (SampleNotification). */
  public static final String NOTIFICATIONS = "/test/notifications";
  public static final String DEFAULT_PAYLOAD =
      "{\"body\": \"$EVENT_MSG\", \"last_updated\": \"$LAST_UPDATED\", \"event_type\": \"$EVENT_TYPE\","
          + " \"title\": \"$EVENT_TITLE\", \"date\": \"$DATE\", \"org\": {\"id\": \"$ORG_ID\","
          + " \"name\": \"$ORG_NAME\"}, \"id\": \"$ID\"}";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern WEBHOOK_NAME = Pattern.compile("^[A-Za-z0-9_-]+$");
  private static final Pattern VARIABLE_NAME = Pattern.compile("^[A-Z0-9_]+$");

  private final HttpServer server;
  private final ExecutorService executor;
  private final String apiKey;
  private final String appKey;

  /** The default org: the constructor's keys (or any keys), and what the accessors without an org name read. */
  public static final String DEFAULT_ORG = "default";
  /** Datadog orgs by name, each with its own objects and its own writes in flight; the default org last. */
  private final Map<String, Org> orgs = new LinkedHashMap<>();
  private final Org defaultOrg;
  private final List<RecordedCall> calls = new ArrayList<>();
  private final Deque<ScheduledFault> faults = new ArrayDeque<>();
  private final AtomicLong sequence = new AtomicLong();
  private volatile Duration readLatency = Duration.ZERO;
  private volatile Duration writeLatency = Duration.ZERO;
  private volatile boolean legacyNotFound;
  private volatile double chaosProbability;
  private java.util.Random chaosRandom = new java.util.Random(0);
  private final AtomicInteger faultsInjected = new AtomicInteger();

  /**
   * One Datadog org: its webhooks and custom variables, the keys that reach it, and how many writes it has in
   * flight (writes to one org must not overlap; writes to two orgs may).
   */
  public final class Org {
    private final String name;
    private final String apiKey;
    private final String appKey;
    private final Map<String, ObjectNode> webhooks = new LinkedHashMap<>();
    private final Map<String, ObjectNode> variables = new LinkedHashMap<>();
    private final AtomicInteger writesInFlight = new AtomicInteger();
    private final AtomicInteger maxConcurrentWrites = new AtomicInteger();
    private volatile Duration orgReadLatency;
    private volatile Duration orgWriteLatency;

    private Org(String name, String apiKey, String appKey) {
      this.name = name;
      this.apiKey = apiKey;
      this.appKey = appKey;
    }

    public String name() {
      return name;
    }

    /** This org's own latency (a slow org among fast ones); null falls back to the emulator's. */
    public void setLatency(Duration reads, Duration writes) {
      this.orgReadLatency = reads;
      this.orgWriteLatency = writes;
    }

    /** A webhook as the API would return it. */
    public Optional<JsonNode> webhook(String webhook) {
      synchronized (DatadogEmulator.this) {
        return Optional.ofNullable(webhooks.get(webhook)).map(ObjectNode::deepCopy);
      }
    }

    /** A custom variable as stored, value included even when secret (the API would hide it). */
    public Optional<JsonNode> storedVariable(String variable) {
      synchronized (DatadogEmulator.this) {
        return Optional.ofNullable(variables.get(variable)).map(ObjectNode::deepCopy);
      }
    }

    /** What a receiver would get if a sample monitor alert fired {@code webhook} now. */
    public Optional<SampleNotification.Rendered> notification(String webhook) {
      synchronized (DatadogEmulator.this) {
        ObjectNode w = webhooks.get(webhook);
        if (w == null) {
          return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        variables.forEach((name, v) -> values.put(name, v.path("value").asText()));
        return Optional.of(SampleNotification.render(w, values));
      }
    }

    public List<String> webhookNames() {
      synchronized (DatadogEmulator.this) {
        return List.copyOf(webhooks.keySet());
      }
    }

    public List<String> variableNames() {
      synchronized (DatadogEmulator.this) {
        return List.copyOf(variables.keySet());
      }
    }

    /** The most writes to this org that were ever being processed at once; 1 means they never overlapped. */
    public int maxConcurrentWrites() {
      return maxConcurrentWrites.get();
    }

    /** Calls that reached this org. */
    public List<RecordedCall> calls() {
      return DatadogEmulator.this.calls().stream().filter(c -> name.equals(c.org())).toList();
    }

    public List<RecordedCall> writes() {
      return calls().stream().filter(RecordedCall::isWrite).toList();
    }

    /** Stores a webhook in this org as if someone made it in the Datadog UI (no call is recorded). */
    public void putWebhookOutOfBand(String webhook, String url) {
      synchronized (DatadogEmulator.this) {
        webhooks.put(webhook, webhookObject(webhook, url, DEFAULT_PAYLOAD, null, "json"));
      }
    }

    /** Stores a custom variable in this org as if someone made it in the Datadog UI (no call is recorded). */
    public void putVariableOutOfBand(String variable, String value, boolean secret) {
      synchronized (DatadogEmulator.this) {
        variables.put(variable, variableObject(variable, value, secret));
      }
    }

    private boolean accepts(String key, String app) {
      return authorized(key, apiKey) && authorized(app, appKey);
    }
  }

  /**
   * Adds an org reached with exactly these keys (the default org answers any other keys it accepts), as
   * {@code emulator --org NAME=APIKEY:APPKEY} does.
   */
  public synchronized Org addOrg(String name, String orgApiKey, String orgAppKey) {
    if (orgApiKey == null || orgAppKey == null || orgApiKey.isBlank() || orgAppKey.isBlank()) {
      throw new IllegalArgumentException("an org needs both keys");
    }
    Org org = new Org(name, orgApiKey, orgAppKey);
    orgs.put(name, org);
    return org;
  }

  /** The org named {@code name} ({@link #DEFAULT_ORG} for the default one). */
  public synchronized Org org(String name) {
    if (DEFAULT_ORG.equals(name)) {
      return defaultOrg;
    }
    Org org = orgs.get(name);
    if (org == null) {
      throw new IllegalArgumentException("no org " + name);
    }
    return org;
  }

  /** The org these keys reach, if any: an added org whose keys they are, else the default org if it accepts them. */
  private synchronized Org orgFor(String key, String app) {
    for (Org org : orgs.values()) {
      if (org.apiKey.equals(key) && org.appKey.equals(app)) {
        return org;
      }
    }
    return defaultOrg.accepts(key, app) ? defaultOrg : null;
  }

  /** {@code calls}: which calls (method, path) it hits. */
  private record ScheduledFault(BiPredicate<String, String> calls, Fault fault,
      AtomicInteger remaining) {}

  /**
   * Starts on {@code port} (0 picks a free one) on the loopback address. {@code apiKey}/{@code appKey} null accept any
   * non-empty keys.
   */
  public DatadogEmulator(int port, String apiKey, String appKey) throws IOException {
    this.apiKey = apiKey;
    this.appKey = appKey;
    this.defaultOrg = new Org(DEFAULT_ORG, apiKey, appKey);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "datadog-emulator");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static DatadogEmulator start() throws IOException {
    return new DatadogEmulator(0, null, null);
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------- switches for tests

  /** Delay before answering, per call, as Datadog's 1-4 s writes and ~0.2 s reads (default: none). */
  public void setLatency(Duration reads, Duration writes) {
    this.readLatency = reads;
    this.writeLatency = writes;
  }

  /** Answer a missing object on DELETE with 400 "... does not exist", as the API did before 2022. */
  public void setLegacyNotFound(boolean legacy) {
    this.legacyNotFound = legacy;
  }

  /** The next {@code count} calls (any method) get {@code fault} instead of an answer. */
  public synchronized void failNextCalls(int count, Fault fault) {
    faults.add(new ScheduledFault((m, p) -> true, fault, new AtomicInteger(count)));
  }

  /** The next {@code count} writes (POST, PUT, DELETE) get {@code fault}; reads go through. */
  public synchronized void failNextWrites(int count, Fault fault) {
    faults.add(new ScheduledFault((m, p) -> !m.equals("GET"), fault, new AtomicInteger(count)));
  }

  /** The next {@code count} calls of {@code method} get {@code fault}. */
  public synchronized void failNext(String method, int count, Fault fault) {
    faults.add(new ScheduledFault((m, p) -> m.equals(method), fault, new AtomicInteger(count)));
  }

  /** The next {@code count} calls of {@code method} to a path under {@code pathPrefix} answer {@code fault}. */
  public synchronized void failNext(String method, String pathPrefix, int count, Fault fault) {
    faults.add(new ScheduledFault((m, p) -> m.equals(method) && p.startsWith(pathPrefix), fault,
        new AtomicInteger(count)));
  }

  /** Every call gets {@code fault} until {@link #clearFaults()}. */
  public synchronized void failAlways(Fault fault) {
    faults.add(new ScheduledFault((m, p) -> true, fault, new AtomicInteger(Integer.MAX_VALUE)));
  }

  public synchronized void clearFaults() {
    faults.clear();
    chaosProbability = 0;
  }

  /**
   * Chaos: each call fails with {@code probability}, with a fault drawn from 500, 429 (with and without
   * X-RateLimit-Reset), a dropped connection, and a connection dropped after the write was done. Seeded, so a
   * failing run can be replayed.
   */
  public synchronized void setChaos(double probability, long seed) {
    chaosRandom = new java.util.Random(seed);
    chaosProbability = probability;
  }

  /** How many faults (scheduled and chaos) the emulator has injected. */
  public int faultsInjected() {
    return faultsInjected.get();
  }

  private List<Org> allOrgs() {
    List<Org> all = new ArrayList<>(orgs.values());
    all.add(defaultOrg);
    return all;
  }

  /** Forgets all objects (of every org), calls and faults. */
  public synchronized void reset() {
    for (Org org : allOrgs()) {
      org.webhooks.clear();
      org.variables.clear();
      org.maxConcurrentWrites.set(0);
    }
    calls.clear();
    faults.clear();
    chaosProbability = 0;
    faultsInjected.set(0);
    readLatency = Duration.ZERO;
    writeLatency = Duration.ZERO;
    legacyNotFound = false;
  }

  // ---------------------------------------------------------------- what tests read

  public synchronized List<RecordedCall> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<RecordedCall> writes() {
    return calls.stream().filter(RecordedCall::isWrite).toList();
  }

  public synchronized void clearCalls() {
    calls.clear();
  }

  /**
   * The most writes to one org that were ever being processed at the same moment; 1 means writes to an org never
   * overlapped (writes to two orgs may).
   */
  public synchronized int maxConcurrentWrites() {
    int max = defaultOrg.maxConcurrentWrites.get();
    for (Org org : orgs.values()) {
      max = Math.max(max, org.maxConcurrentWrites.get());
    }
    return max;
  }

  /** A webhook as the API would return it. */
  public synchronized Optional<JsonNode> webhook(String name) {
    return Optional.ofNullable(defaultOrg.webhooks.get(name)).map(ObjectNode::deepCopy);
  }

  /** What a receiver would get if a sample monitor alert fired webhook {@code name} of the default org now. */
  public Optional<SampleNotification.Rendered> notification(String name) {
    return defaultOrg.notification(name);
  }

  /** A custom variable as stored, value included even when secret (the API would hide it). */
  public synchronized Optional<JsonNode> storedVariable(String name) {
    return Optional.ofNullable(defaultOrg.variables.get(name)).map(ObjectNode::deepCopy);
  }

  public synchronized List<String> webhookNames() {
    return List.copyOf(defaultOrg.webhooks.keySet());
  }

  public synchronized List<String> variableNames() {
    return List.copyOf(defaultOrg.variables.keySet());
  }

  /** Stores a webhook as if someone changed it in the Datadog UI (no call is recorded). */
  public void putWebhookOutOfBand(String name, String url) {
    defaultOrg.putWebhookOutOfBand(name, url);
  }

  /** Changes one field of a stored webhook outside the API (no call is recorded). */
  public synchronized void editWebhookOutOfBand(String name, String field, String value) {
    defaultOrg.webhooks.get(name).put(field, value);
  }

  public synchronized void deleteWebhookOutOfBand(String name) {
    defaultOrg.webhooks.remove(name);
  }

  public void putVariableOutOfBand(String name, String value, boolean secret) {
    defaultOrg.putVariableOutOfBand(name, value, secret);
  }

  public synchronized void deleteVariableOutOfBand(String name) {
    defaultOrg.variables.remove(name);
  }

  // ---------------------------------------------------------------- HTTP

  private record Answer(int status, String body, Map<String, String> headers) {
    static Answer json(int status, JsonNode body) {
      return new Answer(status, body.toString(), Map.of());
    }

    static Answer error(int status, String message) {
      ObjectNode n = JSON.createObjectNode();
      n.putArray("errors").add(message);
      return new Answer(status, n.toString(), Map.of());
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String body = readBody(exchange.getRequestBody());
    java.time.Instant received = java.time.Instant.now();
    Org org = orgFor(exchange.getRequestHeaders().getFirst("DD-API-KEY"),
        exchange.getRequestHeaders().getFirst("DD-APPLICATION-KEY"));
    boolean write = !method.equals("GET") && org != null;
    if (write) {
      int now = org.writesInFlight.incrementAndGet();
      org.maxConcurrentWrites.accumulateAndGet(now, Math::max);
    }
    Answer answer;
    Fault fault;
    try {
      Duration ownRead = org == null ? null : org.orgReadLatency;
      Duration ownWrite = org == null ? null : org.orgWriteLatency;
      pause(write ? (ownWrite != null ? ownWrite : writeLatency) : (ownRead != null ? ownRead : readLatency));
      fault = nextFault(method, path);
      if (fault != null && fault.commitsFirst()) {
        answer(org, method, path, body);
      }
      answer = fault == null ? answer(org, method, path, body)
          : fault.echoesRequest() ? Answer.error(fault.status(), "invalid request: " + body)
          : new Answer(fault.status(), fault.body(), fault.headers());
    } catch (RuntimeException e) {
      fault = null;
      answer = Answer.error(500, "Internal Server Error");
    } finally {
      // the write is over before the client can see its answer, so the next write it sends is not an overlap
      if (write) {
        org.writesInFlight.decrementAndGet();
      }
    }
    if (fault != null && fault.dropsConnection()) {
      record(org, method, path, body, 0, "", received);
      exchange.close();
      return;
    }
    record(org, method, path, body, answer.status(), answer.body(), received);
    send(exchange, answer);
  }

  private synchronized Fault nextFault(String method, String path) {
    for (ScheduledFault f : faults) {
      if (f.calls().test(method, path) && f.remaining().get() > 0) {
        if (f.remaining().decrementAndGet() == 0) {
          faults.remove(f);
        }
        faultsInjected.incrementAndGet();
        return f.fault();
      }
    }
    if (chaosProbability > 0 && chaosRandom.nextDouble() < chaosProbability) {
      faultsInjected.incrementAndGet();
      return switch (chaosRandom.nextInt(5)) {
        case 0 -> Fault.serverError();
        case 1 -> Fault.rateLimited(null);
        case 2 -> Fault.rateLimited(0);
        case 3 -> Fault.droppedConnection();
        default -> Fault.droppedAfterCommit();
      };
    }
    return null;
  }

  private synchronized void record(Org org, String method, String path, String body, int status,
      String response, java.time.Instant received) {
    calls.add(new RecordedCall(sequence.incrementAndGet(), method, path, body, status, response,
        org == null ? null : org.name, received));
  }

  private static void pause(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String readBody(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  private Answer answer(Org org, String method, String path, String body) {
    if (org == null) {
      return Answer.error(403, "Forbidden");
    }
    if (path.equals(WEBHOOKS)) {
      return method.equals("POST") ? createWebhook(org, body) : Answer.error(405, "Method Not Allowed");
    }
    if (path.equals(VARIABLES)) {
      return method.equals("POST") ? createVariable(org, body) : Answer.error(405, "Method Not Allowed");
    }
    if (path.startsWith(WEBHOOKS + "/")) {
      String name = decode(path.substring(WEBHOOKS.length() + 1));
      return switch (method) {
        case "GET" -> getWebhook(org, name);
        case "PUT" -> updateWebhook(org, name, body);
        case "DELETE" -> deleteWebhook(org, name);
        default -> Answer.error(405, "Method Not Allowed");
      };
    }
    if (path.startsWith(NOTIFICATIONS + "/") && method.equals("GET")) {
      return org.notification(decode(path.substring(NOTIFICATIONS.length() + 1)))
          .map(n -> Answer.json(200, n.toJson())).orElseGet(() -> Answer.error(404, "Webhook does not exist"));
    }
    if (path.startsWith(VARIABLES + "/")) {
      String name = decode(path.substring(VARIABLES.length() + 1));
      return switch (method) {
        case "GET" -> getVariable(org, name);
        case "PUT" -> updateVariable(org, name, body);
        case "DELETE" -> deleteVariable(org, name);
        default -> Answer.error(405, "Method Not Allowed");
      };
    }
    return Answer.error(404, "Not found");
  }

  private static boolean authorized(String given, String expected) {
    return given != null && !given.isBlank() && (expected == null || expected.equals(given));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static Optional<ObjectNode> parseObject(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n != null && n.isObject() ? Optional.of((ObjectNode) n) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- webhooks

  /** Field order as the API answered in 2024-2025, auth_method_id included. */
  private static ObjectNode webhookObject(String name, String url, String payload, String headers, String encodeAs) {
    ObjectNode w = JSON.createObjectNode();
    w.put("name", name);
    w.put("payload", payload);
    w.put("custom_headers", headers);
    w.put("encode_as", encodeAs);
    w.put("url", url);
    w.putNull("auth_method_id");
    return w;
  }

  private synchronized Answer createWebhook(Org org, String body) {
    ObjectNode in = parseObject(body).orElse(null);
    if (in == null || !isText(in, "name") || !isText(in, "url") || !validWebhookFields(in)) {
      return Answer.error(400, "Invalid webhook");
    }
    String name = in.get("name").asText();
    if (!WEBHOOK_NAME.matcher(name).matches()) {
      return Answer.error(400, "Invalid webhook");
    }
    if (org.webhooks.containsKey(name)) {
      return Answer.error(400, "Webhook already exists");
    }
    String payload = textOrNull(in, "payload");
    String headers = textOrNull(in, "custom_headers");
    ObjectNode w = webhookObject(name, in.get("url").asText(), payload == null ? DEFAULT_PAYLOAD : payload,
        headers == null || headers.isEmpty() ? null : headers, in.hasNonNull("encode_as")
            ? in.get("encode_as").asText() : "json");
    org.webhooks.put(name, w);
    return new Answer(201, w.toString(), Map.of("Location",
        "https://app.datadoghq.com" + WEBHOOKS + "/" + name));
  }

  private synchronized Answer getWebhook(Org org, String name) {
    ObjectNode w = org.webhooks.get(name);
    return w == null ? Answer.error(404, "Webhook does not exist") : Answer.json(200, w);
  }

  private synchronized Answer updateWebhook(Org org, String name, String body) {
    ObjectNode current = org.webhooks.get(name);
    if (current == null) {
      return Answer.error(404, "Webhook does not exist");
    }
    ObjectNode in = parseObject(body).orElse(null);
    if (in == null || !validWebhookFields(in) || (in.has("name") && !isText(in, "name"))
        || (in.has("url") && !isText(in, "url"))) {
      return Answer.error(400, "Invalid webhook");
    }
    String newName = in.has("name") ? in.get("name").asText() : name;
    if (!WEBHOOK_NAME.matcher(newName).matches()) {
      return Answer.error(400, "Invalid webhook");
    }
    if (!newName.equals(name) && org.webhooks.containsKey(newName)) {
      return Answer.error(400, "Webhook already exists");
    }
    ObjectNode next = current.deepCopy();
    next.put("name", newName);
    if (in.has("url")) {
      next.put("url", in.get("url").asText());
    }
    if (in.has("payload")) {
      // inferred: null on PUT restores the default template, as on create
      String payload = textOrNull(in, "payload");
      next.put("payload", payload == null ? DEFAULT_PAYLOAD : payload);
    }
    if (in.has("custom_headers")) {
      String headers = textOrNull(in, "custom_headers");
      next.put("custom_headers", headers == null || headers.isEmpty() ? null : headers);
    }
    if (in.has("encode_as")) {
      next.put("encode_as", in.get("encode_as").asText());
    }
    org.webhooks.remove(name);
    org.webhooks.put(newName, next);
    return Answer.json(200, next);
  }

  private synchronized Answer deleteWebhook(Org org, String name) {
    if (org.webhooks.remove(name) == null) {
      return Answer.error(legacyNotFound ? 400 : 404, "Webhook does not exist");
    }
    return new Answer(200, "{}", Map.of());
  }

  private static boolean validWebhookFields(ObjectNode in) {
    if (in.hasNonNull("encode_as")) {
      String e = in.get("encode_as").asText();
      if (!in.get("encode_as").isTextual() || !(e.equals("json") || e.equals("form"))) {
        return false;
      }
    }
    if (in.hasNonNull("payload") && !in.get("payload").isTextual()) {
      return false;
    }
    if (in.hasNonNull("custom_headers")) {
      if (!in.get("custom_headers").isTextual()) {
        return false;
      }
      String headers = in.get("custom_headers").asText();
      if (!headers.isEmpty()) {
        Optional<ObjectNode> parsed = parseObject(headers);
        return parsed.isPresent();
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- custom variables

  /** Field order as the API answered in 2023; the value key is absent for a secret. */
  private static ObjectNode variableObject(String name, String value, boolean secret) {
    ObjectNode v = JSON.createObjectNode();
    v.put("name", name);
    v.put("is_secret", secret);
    v.put("value", value);
    return v;
  }

  private static ObjectNode visible(ObjectNode stored) {
    ObjectNode v = stored.deepCopy();
    if (v.path("is_secret").asBoolean()) {
      v.remove("value");
    }
    return v;
  }

  private synchronized Answer createVariable(Org org, String body) {
    ObjectNode in = parseObject(body).orElse(null);
    if (in == null || !isText(in, "name") || !isText(in, "value") || !in.has("is_secret")
        || in.get("is_secret").getNodeType() != JsonNodeType.BOOLEAN) {
      return Answer.error(400, "Invalid custom variable");
    }
    String name = in.get("name").asText();
    if (!VARIABLE_NAME.matcher(name).matches()) {
      return Answer.error(400, "Invalid custom variable name");
    }
    if (org.variables.containsKey(name)) {
      return Answer.error(400, "Custom variable already exists");
    }
    ObjectNode v = variableObject(name, in.get("value").asText(), in.get("is_secret").asBoolean());
    org.variables.put(name, v);
    return new Answer(201, visible(v).toString(), Map.of("Location",
        "https://app.datadoghq.com" + VARIABLES + "/" + name));
  }

  private synchronized Answer getVariable(Org org, String name) {
    ObjectNode v = org.variables.get(name);
    return v == null ? Answer.error(404, "Custom variable does not exist") : Answer.json(200, visible(v));
  }

  private synchronized Answer updateVariable(Org org, String name, String body) {
    ObjectNode current = org.variables.get(name);
    if (current == null) {
      return Answer.error(404, "Custom variable does not exist");
    }
    ObjectNode in = parseObject(body).orElse(null);
    if (in == null || (in.has("name") && !isText(in, "name")) || (in.has("value") && !isText(in, "value"))
        || (in.has("is_secret") && in.get("is_secret").getNodeType() != JsonNodeType.BOOLEAN)) {
      return Answer.error(400, "Invalid custom variable");
    }
    String newName = in.has("name") ? in.get("name").asText() : name;
    if (!VARIABLE_NAME.matcher(newName).matches()) {
      return Answer.error(400, "Invalid custom variable name");
    }
    if (!newName.equals(name) && org.variables.containsKey(newName)) {
      return Answer.error(400, "Custom variable already exists");
    }
    ObjectNode next = current.deepCopy();
    next.put("name", newName);
    if (in.has("value")) {
      next.put("value", in.get("value").asText());
    }
    if (in.has("is_secret")) {
      next.put("is_secret", in.get("is_secret").asBoolean());
    }
    org.variables.remove(name);
    org.variables.put(newName, next);
    return Answer.json(200, visible(next));
  }

  private synchronized Answer deleteVariable(Org org, String name) {
    if (org.variables.remove(name) == null) {
      return Answer.error(legacyNotFound ? 400 : 404, "Custom variable does not exist");
    }
    return new Answer(200, "{}", Map.of());
  }

  private static boolean isText(ObjectNode n, String field) {
    return n.hasNonNull(field) && n.get(field).isTextual();
  }

  private static String textOrNull(ObjectNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }
}
