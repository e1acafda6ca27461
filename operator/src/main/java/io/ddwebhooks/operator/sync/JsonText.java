package io.ddwebhooks.operator.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;

/** Compares JSON carried as text (payload templates, custom headers) by meaning, not formatting. */
public final class JsonText {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonText() {}

  public static Optional<JsonNode> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** Equal as parsed JSON; texts that are not JSON are compared as trimmed strings. */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    Optional<JsonNode> pa = parse(a);
    Optional<JsonNode> pb = parse(b);
    if (pa.isPresent() && pb.isPresent()) {
      return pa.get().equals(pb.get());
    }
    return Objects.equals(a.trim(), b.trim());
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
