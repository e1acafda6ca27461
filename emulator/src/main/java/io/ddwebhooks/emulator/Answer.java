package io.ddwebhooks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** One HTTP answer: the status, the body (JSON, or empty) and any headers besides Content-Type. */
record Answer(int status, String body, Map<String, String> headers) {

  static Answer json(int status, JsonNode body) {
    return new Answer(status, body.toString(), Map.of());
  }

  /** Datadog's error shape: {@code {"errors": [message]}}. */
  static Answer error(int status, String message) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.putArray("errors").add(message);
    return new Answer(status, n.toString(), Map.of());
  }

  /** 201 with the Location header Datadog sends for a created object. */
  static Answer created(JsonNode body, String path) {
    return new Answer(201, body.toString(), Map.of("Location", "https://app.datadoghq.com" + path));
  }

  /** What a DELETE answers: 200 with an empty object. */
  static Answer deleted() {
    return new Answer(200, "{}", Map.of());
  }
}
