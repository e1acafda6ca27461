package io.ddwebhooks.operator.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.Fault;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.datadog.CallObserver;
import io.ddwebhooks.operator.datadog.CustomVariable;
import io.ddwebhooks.operator.datadog.HttpWebhooksIntegrationApi;
import io.ddwebhooks.operator.datadog.Operation;
import io.ddwebhooks.operator.datadog.Verdict;
import io.ddwebhooks.operator.datadog.Webhook;
import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Datadog for unit tests: the emulator, in-process (no socket, no thread), behind the operator's own HTTP client. So a
 * unit test runs the real request building and answer parsing against the fake that the recordings of the real API
 * check. The test helpers on top (seeding, peeking, canned failures, calls as "OPERATION name") record nothing: only
 * the calls the code under test makes are in {@link #calls()}.
 */
public final class EmulatedDatadog extends ForwardingApi {

  /** A canned answer: the status, Datadog's error texts and the rate-limit reset. */
  public record Failure(int status, List<String> errors, Duration reset) {
    public static Failure of(int status, String... errors) {
      return new Failure(status, List.of(errors), null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  public final DatadogEmulator emulator;
  private final WebhooksIntegrationApi client;
  private final Set<Long> seeding = new HashSet<>();
  private final Set<Operation> vanishBefore = EnumSet.noneOf(Operation.class);
  private long clearedUpTo;
  private RuntimeException throwNext;

  public EmulatedDatadog() {
    this(DatadogEmulator.inProcess(null, null));
  }

  private EmulatedDatadog(DatadogEmulator emulator) {
    this(emulator, new HttpWebhooksIntegrationApi(emulator.baseUrl(), "api-key", "app-key", Duration.ofSeconds(5),
        "unit-test", CallObserver.NONE, "emulator", emulator.httpClient()));
  }

  private EmulatedDatadog(DatadogEmulator emulator, WebhooksIntegrationApi client) {
    super(client);
    this.emulator = emulator;
    this.client = client;
  }

  // ---- arranging and inspecting (not recorded) ----

  /** Stores {@code webhook} as someone else's client would have (created, or replaced under its name). */
  public EmulatedDatadog put(Webhook webhook) {
    seed(() -> webhook(webhook.name()).isPresent()
        ? client.updateWebhook(webhook.name(), webhook) : client.createWebhook(webhook));
    return this;
  }

  /** Stores {@code variable}, secret or not, as someone else's client would have. */
  public EmulatedDatadog put(CustomVariable variable) {
    seed(() -> emulator.storedVariable(variable.name()).isPresent()
        ? client.updateCustomVariable(variable.name(), variable) : client.createCustomVariable(variable));
    return this;
  }

  /** Stores {@code authMethod} (its client secret included) as someone else's client would have. */
  public EmulatedDatadog put(io.ddwebhooks.operator.datadog.AuthMethod authMethod) {
    seed(() -> emulator.storedAuthMethod(authMethod.name()).isPresent()
        ? client.updateAuthMethod(authMethod.name(), authMethod) : client.createAuthMethod(authMethod));
    return this;
  }

  /** The auth method as Datadog stores it: "id", its attributes and the client_secret the API never returns. */
  public Optional<JsonNode> storedAuthMethod(String name) {
    return emulator.storedAuthMethod(name);
  }

  /** Deletes a webhook as someone in the Datadog UI would. */
  public void removeWebhook(String name) {
    emulator.deleteWebhookOutOfBand(name);
  }

  /** The webhook as Datadog stores it. */
  public Optional<Webhook> webhook(String name) {
    return emulator.webhook(name).map(n -> new Webhook(text(n, "name"), text(n, "url"), text(n, "payload"),
        text(n, "custom_headers"), text(n, "encode_as")));
  }

  /** The custom variable as Datadog stores it, a secret's value included (the API never returns it). */
  public Optional<CustomVariable> variable(String name) {
    return emulator.storedVariable(name).map(n -> new CustomVariable(text(n, "name"), text(n, "value"),
        n.path("is_secret").asBoolean(false)));
  }

  public List<String> webhookNames() {
    return emulator.webhookNames();
  }

  public List<String> variableNames() {
    return emulator.variableNames();
  }

  /**
   * The next call of {@code operation} (UPDATE covers renames) is answered {@code failure}. A write answered "absent"
   * finds the object gone, as if someone deleted it just before.
   */
  public EmulatedDatadog fail(Operation operation, Failure failure) {
    Operation op = operation == Operation.RENAME ? Operation.UPDATE : operation;
    Map<String, String> headers = new LinkedHashMap<>();
    if (failure.reset() != null) {
      headers.put("X-RateLimit-Reset", String.valueOf(failure.reset().toSeconds()));
    }
    StringBuilder body = new StringBuilder("{\"errors\":[");
    for (int i = 0; i < failure.errors().size(); i++) {
      body.append(i == 0 ? "" : ",").append('"').append(failure.errors().get(i).replace("\"", "\\\"")).append('"');
    }
    emulator.failNext(method(op), 1, new Fault(failure.status(), headers, body.append("]}").toString(), false));
    if (op != Operation.GET && op != Operation.DELETE
        && Verdict.of(op, failure.status(), failure.errors()) == Verdict.ABSENT) {
      vanishBefore.add(op);
    }
    return this;
  }

  /** The next call of any kind throws {@code e} before it reaches Datadog (a bug somewhere below, say). */
  public EmulatedDatadog throwNext(RuntimeException e) {
    throwNext = e;
    return this;
  }

  /** The calls the code under test made, as "OPERATION name" (GET, CREATE, UPDATE, DELETE; a rename is UPDATE old). */
  public List<String> calls() {
    return emulator.calls().stream()
        .filter(c -> c.sequence() > clearedUpTo && !seeding.contains(c.sequence()))
        .map(EmulatedDatadog::describe).toList();
  }

  public List<String> writes() {
    return calls().stream().filter(c -> !c.startsWith("GET")).toList();
  }

  public void clearCalls() {
    emulator.calls().forEach(c -> clearedUpTo = Math.max(clearedUpTo, c.sequence()));
  }

  // ---- the client, with the test's interventions ----

  @Override
  protected <T> T write(String operation, String name, Supplier<T> call) {
    thrown();
    Operation op = operation.equals("create") ? Operation.CREATE
        : operation.equals("update") ? Operation.UPDATE : Operation.DELETE;
    if (vanishBefore.remove(op)) {
      emulator.deleteWebhookOutOfBand(name);
      emulator.deleteVariableOutOfBand(name);
      emulator.deleteAuthMethodOutOfBand(name);
    }
    return call.get();
  }

  @Override
  public Optional<Webhook> getWebhook(String name) {
    thrown();
    return super.getWebhook(name);
  }

  @Override
  public Optional<CustomVariable> getCustomVariable(String name) {
    thrown();
    return super.getCustomVariable(name);
  }

  private void thrown() {
    RuntimeException e = throwNext;
    if (e != null) {
      throwNext = null;
      throw e;
    }
  }

  private void seed(Supplier<?> call) {
    long before = lastSequence();
    call.get();
    emulator.calls().stream().map(RecordedCall::sequence).filter(s -> s > before).forEach(seeding::add);
  }

  private long lastSequence() {
    List<RecordedCall> calls = emulator.calls();
    return calls.isEmpty() ? 0 : calls.get(calls.size() - 1).sequence();
  }

  private static String method(Operation op) {
    return switch (op) {
      case GET -> "GET";
      case CREATE -> "POST";
      case UPDATE, RENAME -> "PUT"; // an auth method's PATCH: schedule it on the emulator directly
      case DELETE -> "DELETE";
    };
  }

  private static String describe(RecordedCall c) {
    String operation = switch (c.method()) {
      case "POST" -> "CREATE";
      case "PUT", "PATCH" -> "UPDATE";
      default -> c.method();
    };
    String name = c.method().equals("POST") ? nameIn(c.requestBody())
        : URLDecoder.decode(c.path().substring(c.path().lastIndexOf('/') + 1).replace("+", "%2B"),
            StandardCharsets.UTF_8);
    return operation + " " + name;
  }

  private static String nameIn(String body) {
    try {
      return text(JSON.readTree(body), "name");
    } catch (JsonProcessingException e) {
      return "?";
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
