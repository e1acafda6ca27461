package io.ddwebhooks.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A recorded call as the control API shows it. No request headers were recorded (so no keys); bodies that could hold
 * a custom variable's value have it replaced by {@value #REDACTED}, unless the request itself said
 * {@code "is_secret": false}, and the same text is replaced wherever the answer repeats the request (an echoing
 * fault); a notification preview's answer (secret values substituted) is not shown. Webhook bodies are shown as sent.
 */
final class CallJson {

  static final String REDACTED = "<redacted>";

  private CallJson() {}

  static ObjectNode of(RecordedCall call) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("sequence", call.sequence());
    n.put("time", call.received().toString());
    n.put("method", call.method());
    n.put("path", call.path());
    n.put("org", call.org());
    n.put("status", call.status());
    n.put("dropped", call.status() == 0);
    n.put("write", call.isWrite());
    n.put("overlapping", call.overlapping());
    String[] bodies = bodies(call.path(), call.status(), call.requestBody(), call.responseBody());
    n.put("requestBody", bodies[0]);
    n.put("responseBody", bodies[1]);
    return n;
  }

  /** {request, response} as they may be shown. */
  static String[] bodies(String path, int status, String request, String response) {
    if (path.equals(DatadogEmulator.WEBHOOKS) || path.startsWith(DatadogEmulator.WEBHOOKS + "/")) {
      return new String[] {request, response};
    }
    String shownRequest = redactValue(request);
    String shownResponse = response;
    if (!shownRequest.equals(request)) {
      shownResponse = shownResponse.replace(request, shownRequest)
          .replace(jsonEscaped(request), jsonEscaped(shownRequest));
    }
    if (path.startsWith(DatadogEmulator.NOTIFICATIONS + "/") && status == 200) {
      shownResponse = REDACTED;
    }
    return new String[] {shownRequest, shownResponse};
  }

  /**
   * The body with its {@code value} field replaced, unless it says {@code "is_secret": false}; a body that is not a
   * JSON object (and so cannot be read) is replaced whole.
   */
  static String redactValue(String body) {
    if (body == null || body.isEmpty()) {
      return body == null ? "" : body;
    }
    ObjectNode in = Json.parseObject(body).orElse(null);
    if (in == null) {
      return REDACTED;
    }
    boolean saysNotSecret = in.has("is_secret") && in.get("is_secret").isBoolean() && !in.get("is_secret").asBoolean();
    if (!in.has("value") || saysNotSecret) {
      return body;
    }
    in.put("value", REDACTED);
    return in.toString();
  }

  private static String jsonEscaped(String s) {
    try {
      String quoted = Json.MAPPER.writeValueAsString(s);
      return quoted.substring(1, quoted.length() - 1);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
