package io.ddwebhooks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** The JSON helpers the endpoints share. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** The body as a JSON object, or empty when it is not one (not JSON, an array, nothing). */
  static Optional<ObjectNode> parseObject(String body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      return n != null && n.isObject() ? Optional.of((ObjectNode) n) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static boolean isText(ObjectNode n, String field) {
    return n.hasNonNull(field) && n.get(field).isTextual();
  }

  static String textOrNull(ObjectNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }
}
