package io.ddwebhooks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads the control API's requests strictly: a malformed one is a {@link BadRequest} that says what is wrong. */
final class ControlRequests {

  /** Datadog's operation ids (as in its API reference and clients), and the calls each one is. */
  static final Map<String, String[]> OPERATIONS = operations();
  static final long MAX_MILLIS = 600_000;
  static final int MAX_COUNT = 1_000_000;
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", FaultPlan.ANY, FaultPlan.WRITES);
  private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$");
  private static final Set<String> RESERVED_HEADERS = Set.of("content-length", "transfer-encoding", "connection");

  /** A request the control API refuses with 400 and this message. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  private ControlRequests() {}

  private static Map<String, String[]> operations() {
    String hook = DatadogEmulator.WEBHOOKS;
    String variable = DatadogEmulator.VARIABLES;
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("any", new String[] {FaultPlan.ANY, null});
    m.put("reads", new String[] {"GET", null});
    m.put("writes", new String[] {FaultPlan.WRITES, null});
    m.put("CreateWebhooksIntegration", new String[] {"POST", hook});
    m.put("GetWebhooksIntegration", new String[] {"GET", hook + "/"});
    m.put("UpdateWebhooksIntegration", new String[] {"PUT", hook + "/"});
    m.put("DeleteWebhooksIntegration", new String[] {"DELETE", hook + "/"});
    m.put("CreateWebhooksIntegrationCustomVariable", new String[] {"POST", variable});
    m.put("GetWebhooksIntegrationCustomVariable", new String[] {"GET", variable + "/"});
    m.put("UpdateWebhooksIntegrationCustomVariable", new String[] {"PUT", variable + "/"});
    m.put("DeleteWebhooksIntegrationCustomVariable", new String[] {"DELETE", variable + "/"});
    return m;
  }

  /** The body as a JSON object holding only {@code allowed} fields; an empty body is an empty object. */
  static ObjectNode object(String body, Set<String> allowed) {
    if (body == null || body.isBlank()) {
      return Json.MAPPER.createObjectNode();
    }
    ObjectNode in = Json.parseObject(body).orElseThrow(() -> new BadRequest("the body must be a JSON object"));
    for (String field : (Iterable<String>) in::fieldNames) {
      if (!allowed.contains(field)) {
        throw new BadRequest("unknown field \"" + field + "\" (expected: " + String.join(", ", new TreeSet<>(allowed))
            + ")");
      }
    }
    return in;
  }

  static long integer(ObjectNode in, String field, long min, long max) {
    JsonNode n = in.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
      throw new BadRequest("\"" + field + "\" must be an integer from " + min + " to " + max);
    }
    return n.asLong();
  }

  /** A delay in milliseconds; null when the field is JSON null. */
  static Duration millis(ObjectNode in, String field) {
    return in.get(field).isNull() ? null : Duration.ofMillis(integer(in, field, 0, MAX_MILLIS));
  }

  static String text(ObjectNode in, String field) {
    if (!Json.isText(in, field) || in.get(field).asText().isBlank()) {
      throw new BadRequest("\"" + field + "\" must be a non-empty string");
    }
    return in.get(field).asText();
  }

  static boolean bool(ObjectNode in, String field) {
    if (!in.has(field) || !in.get(field).isBoolean()) {
      throw new BadRequest("\"" + field + "\" must be true or false");
    }
    return in.get(field).asBoolean();
  }

  /** Which calls a fault request targets: {method, pathPrefix or null}. */
  static String[] target(ObjectNode in) {
    if (in.has("operation") && (in.has("method") || in.has("pathPrefix"))) {
      throw new BadRequest("give either \"operation\" or \"method\" (with \"pathPrefix\"), not both");
    }
    if (in.has("operation")) {
      String op = text(in, "operation");
      return OPERATIONS.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(op)).findFirst()
          .map(Map.Entry::getValue).orElseThrow(() -> new BadRequest("unknown operation \"" + op + "\" (expected: "
              + String.join(", ", OPERATIONS.keySet()) + ")"));
    }
    String method = in.has("method") ? text(in, "method").toUpperCase(Locale.ROOT) : FaultPlan.ANY;
    if (!METHODS.contains(method)) {
      throw new BadRequest("\"method\" must be one of GET, POST, PUT, DELETE, ANY, WRITE");
    }
    String prefix = in.has("pathPrefix") ? text(in, "pathPrefix") : null;
    if (prefix != null && !prefix.startsWith("/")) {
      throw new BadRequest("\"pathPrefix\" must start with /");
    }
    return new String[] {method, prefix};
  }

  /** The fault a request describes: {@code drop} (before or after the work), or a status with body and headers. */
  static Fault fault(ObjectNode in) {
    if (in.has("drop")) {
      for (String other : List.of("status", "body", "headers", "echo")) {
        if (in.has(other)) {
          throw new BadRequest("\"drop\" takes no \"" + other + "\": a dropped connection answers nothing");
        }
      }
      String drop = text(in, "drop");
      if (!drop.equals("before") && !drop.equals("after")) {
        throw new BadRequest("\"drop\" must be \"before\" (nothing done) or \"after\" (the call was carried out)");
      }
      return new Fault(0, Map.of(), "", true, drop.equals("after"));
    }
    if (!in.has("status")) {
      throw new BadRequest("a fault needs \"status\" (an HTTP error) or \"drop\" (a dropped connection)");
    }
    int status = (int) integer(in, "status", 200, 599);
    if (status == 204 || status == 304) {
      throw new BadRequest("\"status\" must be one that carries a body (not 204 or 304)");
    }
    boolean echo = in.has("echo") && bool(in, "echo");
    if (echo && in.has("body")) {
      throw new BadRequest("\"echo\" makes the body (the request repeated): leave \"body\" out");
    }
    return new Fault(status, headers(in), echo ? "" : body(in, status), false, false, echo);
  }

  private static String body(ObjectNode in, int status) {
    JsonNode b = in.get("body");
    if (b == null || b.isNull()) {
      return Answer.error(status, reason(status)).body();
    }
    if (b.isTextual()) {
      return b.asText();
    }
    if (b.isContainerNode()) {
      return b.toString();
    }
    throw new BadRequest("\"body\" must be a string (sent as it is) or a JSON object or array");
  }

  private static Map<String, String> headers(ObjectNode in) {
    JsonNode h = in.get("headers");
    if (h == null || h.isNull()) {
      return Map.of();
    }
    if (!h.isObject()) {
      throw new BadRequest("\"headers\" must be an object of header names to string values");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) h::fields) {
      String value = e.getValue().isTextual() || e.getValue().isNumber() ? e.getValue().asText() : null;
      if (!HEADER_NAME.matcher(e.getKey()).matches() || RESERVED_HEADERS.contains(e.getKey().toLowerCase(Locale.ROOT))
          || value == null || value.contains("\r") || value.contains("\n")) {
        throw new BadRequest("header \"" + e.getKey() + "\" is not allowed: a header needs a token name (not"
            + " Content-Length, Transfer-Encoding or Connection) and a one-line string value");
      }
      headers.put(e.getKey(), value);
    }
    return headers;
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 409 -> "Conflict";
      case 429 -> "Rate limit exceeded";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Injected fault";
    };
  }

  /** The query's parameters (decoded), refusing any not in {@code allowed}. */
  static Map<String, String> query(String rawQuery, Set<String> allowed) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (!allowed.contains(key)) {
        throw new BadRequest("unknown query parameter \"" + key + "\" (expected: " + String.join(", ",
            new TreeSet<>(allowed)) + ")");
      }
      params.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("the query is not well percent-encoded");
    }
  }
}
