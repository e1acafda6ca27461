package io.ddwebhooks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory Datadog Webhooks Integration API v1, answering as the real server did in the recordings under
 * emulator/src/test/resources/recordings (a conformance test replays them): status codes, {"errors": [...]} bodies,
 * the default payload template, encode_as json by default, secret values never returned, renames through PUT,
 * 404 "... does not exist" (or the pre-2022 400 in legacy mode), both auth headers required.
 *
 * <p>For tests it adds switches (latency, canned faults, dropped connections), records every call and flags writes
 * that overlap in time, which the real API does not tolerate; {@link ControlApi} serves them over HTTP. This class is
 * the facade of {@link EmulatorServer}, {@link OrgRegistry}, the endpoints, {@link FaultPlan} and {@link CallLog}.
 */
public class DatadogEmulator implements AutoCloseable {

  public static final String WEBHOOKS = "/api/v1/integration/webhooks/configuration/webhooks";
  public static final String VARIABLES = "/api/v1/integration/webhooks/configuration/custom-variables";
  /** API v2: the auth methods (OAuth2 client credentials under {@code /oauth2-client-credentials/{id}}). */
  public static final String AUTH_METHODS = "/api/v2/integration/webhooks/configuration/auth-method";
  /** Not Datadog's: {@code GET /test/notifications/{webhook}} shows what a receiver would get (SampleNotification). */
  public static final String NOTIFICATIONS = "/test/notifications";
  public static final String DEFAULT_PAYLOAD =
      "{\"body\": \"$EVENT_MSG\", \"last_updated\": \"$LAST_UPDATED\", \"event_type\": \"$EVENT_TYPE\","
          + " \"title\": \"$EVENT_TITLE\", \"date\": \"$DATE\", \"org\": {\"id\": \"$ORG_ID\","
          + " \"name\": \"$ORG_NAME\"}, \"id\": \"$ID\"}";
  /** The default org: the constructor's keys (or any keys), and what the accessors without an org name read. */
  public static final String DEFAULT_ORG = "default";
  /** The address the constructors without one listen on. */
  public static final String LOOPBACK = "127.0.0.1";
  private static final URI IN_PROCESS_URL = URI.create("http://datadog-emulator.invalid");

  private final OrgRegistry orgs;
  private final FaultPlan faults = new FaultPlan();
  private final CallLog log = new CallLog();
  private final Map<OrgStore, Org> views = new IdentityHashMap<>(); // one view per org, however it is looked up
  private final ApiDispatcher dispatcher;
  private final EmulatorServer server; // null when in-process only

  /**
   * One Datadog org: its webhooks and custom variables, the keys that reach it, and how many writes it has in
   * flight (writes to one org must not overlap; writes to two orgs may).
   */
  public final class Org {
    private final OrgStore store;

    private Org(OrgStore store) {
      this.store = store;
    }

    public String name() {
      return store.name();
    }

    /** This org's own latency (a slow org among fast ones); null falls back to the emulator's. */
    public void setLatency(Duration reads, Duration writes) {
      store.setLatency(reads, writes);
    }

    /** A webhook as the API would return it. */
    public Optional<JsonNode> webhook(String webhook) {
      return store.webhook(webhook);
    }

    /** A custom variable as stored, value included even when secret (the API would hide it). */
    public Optional<JsonNode> storedVariable(String variable) {
      return store.storedVariable(variable);
    }

    /** What a receiver would get if a sample monitor alert fired {@code webhook} now. */
    public Optional<SampleNotification.Rendered> notification(String webhook) {
      return store.notification(webhook);
    }

    public List<String> webhookNames() {
      return store.webhookNames();
    }

    public List<String> variableNames() {
      return store.variableNames();
    }

    /** The most writes to this org that were ever being processed at once; 1 means they never overlapped. */
    public int maxConcurrentWrites() {
      return store.maxConcurrentWrites();
    }

    /** Calls that reached this org. */
    public List<RecordedCall> calls() {
      return log.forOrg(name());
    }

    public List<RecordedCall> writes() {
      return calls().stream().filter(RecordedCall::isWrite).toList();
    }

    public List<String> authMethodNames() {
      return store.authMethodNames();
    }

    /** An auth method as stored: its attributes, "id", and the client_secret the API never returns. */
    public Optional<JsonNode> storedAuthMethod(String authMethod) {
      return store.storedAuthMethod(authMethod);
    }

    /** Stores a webhook in this org as if someone made it in the Datadog UI (no call is recorded). */
    public void putWebhookOutOfBand(String webhook, String url) {
      store.putWebhook(webhook, url);
    }

    /** Stores a custom variable in this org as if someone made it in the Datadog UI (no call is recorded). */
    public void putVariableOutOfBand(String variable, String value, boolean secret) {
      store.putVariable(variable, value, secret);
    }
  }

  /** Starts on {@code port} (0: any free one) on 127.0.0.1; null keys accept any non-empty keys. */
  public DatadogEmulator(int port, String apiKey, String appKey) throws IOException {
    this(LOOPBACK, port, apiKey, appKey);
  }

  /**
   * Starts on {@code bindAddress}:{@code port}: {@code 127.0.0.1} for this machine only, {@code 0.0.0.0} for every
   * interface (a container network). The control API needs no keys: bind wider than loopback only where everyone who
   * can reach the port may reset the emulator.
   */
  public DatadogEmulator(String bindAddress, int port, String apiKey, String appKey) throws IOException {
    this.orgs = new OrgRegistry(apiKey, appKey);
    this.dispatcher = new ApiDispatcher(orgs, faults, log, new ControlApi(this, orgs, faults, log));
    this.server = new EmulatorServer(InetAddress.getByName(bindAddress), port, dispatcher);
  }

  private DatadogEmulator(String apiKey, String appKey) {
    this.orgs = new OrgRegistry(apiKey, appKey);
    this.dispatcher = new ApiDispatcher(orgs, faults, log, new ControlApi(this, orgs, faults, log));
    this.server = null;
  }

  public static DatadogEmulator start() throws IOException {
    return new DatadogEmulator(0, null, null);
  }

  /**
   * An emulator that listens on no port: reach it through {@link #httpClient()} (a unit test with no server and no
   * thread). Null keys accept any non-empty keys.
   */
  public static DatadogEmulator inProcess(String apiKey, String appKey) {
    return new DatadogEmulator(apiKey, appKey);
  }

  /**
   * A JDK HTTP client whose requests this emulator answers directly, whatever host they name, with or without a
   * listening server. Its base URL is {@link #baseUrl()}.
   */
  public HttpClient httpClient() {
    return new InProcessHttpClient(dispatcher);
  }

  /**
   * A client on this machine's URL for the emulator (the loopback address when bound to every address); an
   * in-process emulator's is {@code http://datadog-emulator.invalid}, which only {@link #httpClient()} reaches.
   */
  public URI baseUrl() {
    return server == null ? IN_PROCESS_URL : server.baseUrl();
  }

  /** The address and port it listens on. */
  public InetSocketAddress address() {
    if (server == null) {
      throw new IllegalStateException("an in-process emulator listens on no address");
    }
    return server.address();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  private synchronized Org view(OrgStore store) {
    return views.computeIfAbsent(store, Org::new);
  }

  /**
   * Adds an org reached with exactly these keys (the default org answers any other keys it accepts), as
   * {@code emulator --org NAME=APIKEY:APPKEY} does.
   */
  public Org addOrg(String name, String orgApiKey, String orgAppKey) {
    return view(orgs.add(name, orgApiKey, orgAppKey));
  }

  /** The org named {@code name} ({@link #DEFAULT_ORG} for the default one). */
  public Org org(String name) {
    return view(orgs.named(name));
  }

  /** Delay before answering, per call, as Datadog's 1-4 s writes and ~0.2 s reads (default: none). */
  public void setLatency(Duration reads, Duration writes) {
    faults.setLatency(reads, writes);
  }

  /** Answer a missing object on DELETE with 400 "... does not exist", as the API did before 2022. */
  public void setLegacyNotFound(boolean legacy) {
    dispatcher.setLegacyNotFound(legacy);
  }

  boolean legacyNotFound() {
    return dispatcher.legacyNotFound();
  }

  /** The next {@code count} calls (any method) get {@code fault} instead of an answer. */
  public void failNextCalls(int count, Fault fault) {
    faults.schedule(FaultPlan.ANY, null, count, fault);
  }

  /** The next {@code count} writes (POST, PUT, DELETE) get {@code fault}; reads go through. */
  public void failNextWrites(int count, Fault fault) {
    faults.schedule(FaultPlan.WRITES, null, count, fault);
  }

  /** The next {@code count} calls of {@code method} get {@code fault}. */
  public void failNext(String method, int count, Fault fault) {
    faults.schedule(method, null, count, fault);
  }

  /** The next {@code count} calls of {@code method} to a path under {@code pathPrefix} answer {@code fault}. */
  public void failNext(String method, String pathPrefix, int count, Fault fault) {
    faults.schedule(method, pathPrefix, count, fault);
  }

  /** Every call gets {@code fault} until {@link #clearFaults()}. */
  public void failAlways(Fault fault) {
    faults.scheduleAlways(FaultPlan.ANY, null, fault);
  }

  public void clearFaults() {
    faults.clear();
  }

  /**
   * Chaos: each call fails with {@code probability}, with a fault drawn from 500, 429 (with and without
   * X-RateLimit-Reset), a dropped connection, and a connection dropped after the write was done. Seeded, so a
   * failing run can be replayed.
   */
  public void setChaos(double probability, long seed) {
    faults.setChaos(probability, seed);
  }

  /** How many faults (scheduled and chaos) the emulator has injected. */
  public int faultsInjected() {
    return faults.injected();
  }

  /** Forgets all objects (of every org), calls and faults; latency back to none, legacy mode off. */
  public synchronized void reset() {
    orgs.all().forEach(OrgStore::clear);
    log.clear();
    faults.reset();
    dispatcher.setLegacyNotFound(false);
  }

  public List<RecordedCall> calls() {
    return log.all();
  }

  public List<RecordedCall> writes() {
    return log.writes();
  }

  /** The writes that were processed while another write to the same org was. */
  public List<RecordedCall> overlappingWrites() {
    return log.overlapping();
  }

  public void clearCalls() {
    log.clear();
  }

  /**
   * The most writes to one org that were ever being processed at the same moment; 1 means writes to an org never
   * overlapped (writes to two orgs may).
   */
  public int maxConcurrentWrites() {
    return orgs.all().stream().mapToInt(OrgStore::maxConcurrentWrites).max().orElse(0);
  }

  /** A webhook as the API would return it. */
  public Optional<JsonNode> webhook(String name) {
    return orgs.defaultOrg().webhook(name);
  }

  /** What a receiver would get if a sample monitor alert fired webhook {@code name} of the default org now. */
  public Optional<SampleNotification.Rendered> notification(String name) {
    return orgs.defaultOrg().notification(name);
  }

  /** A custom variable as stored, value included even when secret (the API would hide it). */
  public Optional<JsonNode> storedVariable(String name) {
    return orgs.defaultOrg().storedVariable(name);
  }

  public List<String> webhookNames() {
    return orgs.defaultOrg().webhookNames();
  }

  public List<String> variableNames() {
    return orgs.defaultOrg().variableNames();
  }

  /** Stores a webhook as if someone changed it in the Datadog UI (no call is recorded). */
  public void putWebhookOutOfBand(String name, String url) {
    orgs.defaultOrg().putWebhook(name, url);
  }

  /** Changes one field of a stored webhook outside the API (no call is recorded). */
  public void editWebhookOutOfBand(String name, String field, String value) {
    orgs.defaultOrg().editWebhook(name, field, value);
  }

  public void deleteWebhookOutOfBand(String name) {
    orgs.defaultOrg().deleteWebhook(name);
  }

  public void putVariableOutOfBand(String name, String value, boolean secret) {
    orgs.defaultOrg().putVariable(name, value, secret);
  }

  public List<String> authMethodNames() {
    return orgs.defaultOrg().authMethodNames();
  }

  /** An auth method of the default org as stored: its attributes, "id", and the client_secret. */
  public Optional<JsonNode> storedAuthMethod(String name) {
    return orgs.defaultOrg().storedAuthMethod(name);
  }

  /** Stores an auth method as if someone made it in the Datadog UI; returns its id (no call is recorded). */
  public String putAuthMethodOutOfBand(String name, String accessTokenUrl, String clientId, String clientSecret) {
    return orgs.defaultOrg().putAuthMethod(name, accessTokenUrl, clientId, clientSecret);
  }

  /** Changes one attribute (access_token_url, client_id, audience, scope, ...) of a stored auth method. */
  public void editAuthMethodOutOfBand(String name, String field, String value) {
    orgs.defaultOrg().editAuthMethod(name, field, value);
  }

  public void deleteAuthMethodOutOfBand(String name) {
    orgs.defaultOrg().deleteAuthMethod(name);
  }

  public void deleteVariableOutOfBand(String name) {
    orgs.defaultOrg().deleteVariable(name);
  }
}
