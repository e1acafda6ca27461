package io.ddwebhooks.emulator;

import static io.ddwebhooks.emulator.ControlRequests.bool;
import static io.ddwebhooks.emulator.ControlRequests.integer;
import static io.ddwebhooks.emulator.ControlRequests.millis;
import static io.ddwebhooks.emulator.ControlRequests.object;
import static io.ddwebhooks.emulator.ControlRequests.text;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The emulator's switches over HTTP, under {@value #PREFIX} (a path Datadog never uses), for clients outside Java:
 * latency, faults, chaos, legacy mode, reset, the call log and the orgs. JSON in and out; a malformed request gets
 * 400 with {@code {"errors": [...]}} saying why. It needs no keys and answers no keys and no secret values. Its own
 * calls are not recorded, delayed or faulted. emulator/README.md documents each endpoint.
 */
final class ControlApi {

  static final String PREFIX = "/_emulator";
  private static final Pattern ORG_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$");

  private final DatadogEmulator emulator;
  private final OrgRegistry orgs;
  private final FaultPlan faults;
  private final CallLog log;

  ControlApi(DatadogEmulator emulator, OrgRegistry orgs, FaultPlan faults, CallLog log) {
    this.emulator = emulator;
    this.orgs = orgs;
    this.faults = faults;
    this.log = log;
  }

  static boolean handles(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  Answer handle(String method, String path, String rawQuery, String body) {
    String route = path.substring(PREFIX.length()).replaceAll("/+$", "");
    try {
      return switch (route + " " + method) {
        case " GET" -> Answer.json(200, index());
        case "/latency GET" -> Answer.json(200, latency());
        case "/latency PUT" -> setLatency(object(body, Set.of("readMs", "writeMs", "org")));
        case "/faults GET" -> Answer.json(200, faultState());
        case "/faults POST" -> addFault(object(body, Set.of("operation", "method", "pathPrefix", "count", "always",
            "status", "body", "headers", "drop", "echo")));
        case "/faults DELETE" -> {
          emulator.clearFaults();
          yield Answer.json(200, faultState());
        }
        case "/chaos PUT" -> setChaos(object(body, Set.of("probability", "seed")));
        case "/legacy-not-found GET" -> Answer.json(200, legacy());
        case "/legacy-not-found PUT" -> {
          emulator.setLegacyNotFound(bool(object(body, Set.of("enabled")), "enabled"));
          yield Answer.json(200, legacy());
        }
        case "/reset POST" -> reset();
        case "/calls GET" -> calls(ControlRequests.query(rawQuery, Set.of("org", "since")));
        case "/calls DELETE" -> {
          emulator.clearCalls();
          yield Answer.json(200, Json.MAPPER.createObjectNode().put("cleared", true));
        }
        case "/orgs GET" -> Answer.json(200, orgList());
        case "/orgs POST" -> addOrg(object(body, Set.of("name", "apiKey", "appKey")));
        default -> List.of("", "/latency", "/faults", "/chaos", "/legacy-not-found", "/reset", "/calls", "/orgs")
            .contains(route) ? Answer.error(405, "Method Not Allowed: " + method + " " + PREFIX + route)
            : Answer.error(404, "no control endpoint " + PREFIX + route + " (GET " + PREFIX + "/ lists them)");
      };
    } catch (ControlRequests.BadRequest e) {
      return Answer.error(400, e.getMessage());
    }
  }

  private static ObjectNode index() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    ArrayNode endpoints = n.putArray("endpoints");
    for (String e : List.of("GET /latency", "PUT /latency", "GET /faults", "POST /faults", "DELETE /faults",
        "PUT /chaos", "GET /legacy-not-found", "PUT /legacy-not-found", "POST /reset", "GET /calls",
        "DELETE /calls", "GET /orgs", "POST /orgs")) {
      endpoints.add(e.replace(" /", " " + PREFIX + "/"));
    }
    ObjectNode datadog = n.putObject("datadog");
    datadog.put("webhooks", DatadogEmulator.WEBHOOKS);
    datadog.put("customVariables", DatadogEmulator.VARIABLES);
    datadog.put("notificationPreview", DatadogEmulator.NOTIFICATIONS + "/{webhook}");
    n.put("operations", String.join(", ", ControlRequests.OPERATIONS.keySet()));
    return n;
  }

  // ---------------------------------------------------------------- latency

  private static void putMillis(ObjectNode n, String field, Duration d) {
    if (d == null) {
      n.putNull(field);
    } else {
      n.put(field, d.toMillis());
    }
  }

  private ObjectNode latency() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    putMillis(n, "readMs", faults.readLatency());
    putMillis(n, "writeMs", faults.writeLatency());
    ObjectNode perOrg = n.putObject("orgs");
    for (OrgStore org : orgs.all()) {
      ObjectNode o = perOrg.putObject(org.name());
      putMillis(o, "readMs", org.readLatency());
      putMillis(o, "writeMs", org.writeLatency());
    }
    return n;
  }

  /** Fields left out keep their value; for an org, null returns it to the emulator's latency. */
  private Answer setLatency(ObjectNode in) {
    if (in.has("org")) {
      OrgStore org = orgs.find(text(in, "org")).orElseThrow(() -> new ControlRequests.BadRequest(
          "no org \"" + in.get("org").asText() + "\" (GET " + PREFIX + "/orgs lists them)"));
      Duration reads = in.has("readMs") ? millis(in, "readMs") : org.readLatency();
      Duration writes = in.has("writeMs") ? millis(in, "writeMs") : org.writeLatency();
      org.setLatency(reads, writes);
    } else {
      if (in.path("readMs").isNull() || in.path("writeMs").isNull()) {
        throw new ControlRequests.BadRequest("the emulator's latency cannot be null (0 is none)");
      }
      Duration reads = in.has("readMs") ? millis(in, "readMs") : faults.readLatency();
      Duration writes = in.has("writeMs") ? millis(in, "writeMs") : faults.writeLatency();
      emulator.setLatency(reads, writes);
    }
    return Answer.json(200, latency());
  }

  // ---------------------------------------------------------------- faults

  private ObjectNode faultState() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    ArrayNode scheduled = n.putArray("scheduled");
    faults.pending().forEach(f -> scheduled.add(faultJson(f)));
    n.putObject("chaos").put("probability", faults.chaosProbability()).put("seed", faults.chaosSeed());
    n.put("injected", faults.injected());
    return n;
  }

  private static ObjectNode faultJson(FaultPlan.Scheduled s) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("method", s.method());
    n.put("pathPrefix", s.pathPrefix());
    if (s.always()) {
      n.putNull("remaining");
    } else {
      n.put("remaining", s.remaining().get());
    }
    n.put("always", s.always());
    Fault f = s.fault();
    if (f.dropsConnection()) {
      n.put("drop", f.commitsFirst() ? "after" : "before");
    } else {
      n.put("status", f.status());
      n.put("echo", f.echoesRequest());
      ObjectNode headers = n.putObject("headers");
      f.headers().forEach(headers::put);
      n.put("body", f.body());
    }
    return n;
  }

  private Answer addFault(ObjectNode in) {
    String[] target = ControlRequests.target(in);
    boolean always = in.has("always") && bool(in, "always");
    if (always == in.has("count")) {
      throw new ControlRequests.BadRequest("give \"count\" (the next N matching calls) or \"always\": true");
    }
    Fault fault = ControlRequests.fault(in);
    FaultPlan.Scheduled scheduled = always ? faults.scheduleAlways(target[0], target[1], fault)
        : faults.schedule(target[0], target[1], (int) integer(in, "count", 1, ControlRequests.MAX_COUNT), fault);
    return Answer.json(201, faultJson(scheduled));
  }

  private Answer setChaos(ObjectNode in) {
    if (!in.has("probability") || !in.get("probability").isNumber() || in.get("probability").asDouble() < 0
        || in.get("probability").asDouble() > 1) {
      throw new ControlRequests.BadRequest("\"probability\" must be a number from 0 to 1");
    }
    long seed = in.has("seed") ? integer(in, "seed", Long.MIN_VALUE, Long.MAX_VALUE) : 0;
    emulator.setChaos(in.get("probability").asDouble(), seed);
    return Answer.json(200, faultState());
  }

  private ObjectNode legacy() {
    return Json.MAPPER.createObjectNode().put("enabled", emulator.legacyNotFound());
  }

  // ---------------------------------------------------------------- reset, calls, orgs

  /** Every org emptied (kept, with its keys) and back to the emulator's latency; faults, latency and calls cleared. */
  private Answer reset() {
    emulator.reset();
    orgs.all().forEach(org -> org.setLatency(null, null));
    return Answer.json(200, Json.MAPPER.createObjectNode().put("reset", true));
  }

  private Answer calls(Map<String, String> query) {
    String org = query.get("org");
    if (org != null && orgs.find(org).isEmpty()) {
      throw new ControlRequests.BadRequest("no org \"" + org + "\" (GET " + PREFIX + "/orgs lists them)");
    }
    long since;
    try {
      since = query.containsKey("since") ? Long.parseLong(query.get("since")) : 0;
    } catch (NumberFormatException e) {
      throw new ControlRequests.BadRequest("\"since\" must be a call's sequence number");
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    ArrayNode calls = n.putArray("calls");
    (org == null ? log.all() : log.forOrg(org)).stream().filter(c -> c.sequence() > since)
        .forEach(c -> calls.add(CallJson.of(c)));
    return Answer.json(200, n);
  }

  private static ObjectNode orgJson(OrgStore org) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("name", org.name());
    n.put("default", DatadogEmulator.DEFAULT_ORG.equals(org.name()));
    n.put("acceptsAnyKeys", org.acceptsAnyKeys());
    ArrayNode webhooks = n.putArray("webhooks");
    org.webhookNames().forEach(webhooks::add);
    ArrayNode variables = n.putArray("customVariables");
    org.variableNames().forEach(variables::add);
    n.put("maxConcurrentWrites", org.maxConcurrentWrites());
    return n;
  }

  private ObjectNode orgList() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    ArrayNode list = n.putArray("orgs");
    orgs.all().forEach(org -> list.add(orgJson(org)));
    return n;
  }

  private Answer addOrg(ObjectNode in) {
    String name = text(in, "name");
    String apiKey = text(in, "apiKey");
    String appKey = text(in, "appKey");
    if (!ORG_NAME.matcher(name).matches()) {
      throw new ControlRequests.BadRequest("\"name\" must be 1-63 letters, digits, '.', '_' or '-'");
    }
    synchronized (orgs) {
      if (orgs.find(name).isPresent()) {
        return Answer.error(409, "org \"" + name + "\" exists");
      }
      if (orgs.keysTaken(apiKey, appKey) || orgs.defaultOrg().hasKeys(apiKey, appKey)) {
        return Answer.error(409, "another org is reached with these keys");
      }
      return Answer.json(201, orgJson(orgs.add(name, apiKey, appKey)));
    }
  }
}
