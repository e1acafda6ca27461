package io.ddwebhooks.operator.emulator;

import java.util.Map;

/**
 * A canned failure the emulator answers instead of doing the work: an HTTP error, or a dropped connection; or, with
 * {@code commitsFirst}, a connection dropped after the work was done (the client cannot know it succeeded).
 */
public record Fault(int status, Map<String, String> headers, String body, boolean dropsConnection,
    boolean commitsFirst) {

  public Fault(int status, Map<String, String> headers, String body, boolean dropsConnection) {
    this(status, headers, body, dropsConnection, false);
  }

  public static Fault status(int status, String message) {
    return new Fault(status, Map.of(), "{\"errors\":[\"" + message + "\"]}", false);
  }

  /** 429 with Datadog's rate-limit headers; {@code resetSeconds} null leaves X-RateLimit-Reset out. */
  public static Fault rateLimited(Integer resetSeconds) {
    Map<String, String> headers = resetSeconds == null
        ? Map.of("X-RateLimit-Limit", "500", "X-RateLimit-Period", "60", "X-RateLimit-Remaining", "0")
        : Map.of("X-RateLimit-Limit", "500", "X-RateLimit-Period", "60", "X-RateLimit-Remaining", "0",
            "X-RateLimit-Reset", String.valueOf(resetSeconds));
    return new Fault(429, headers, "{\"errors\":[\"Rate limit exceeded\"]}", false);
  }

  public static Fault serverError() {
    return status(500, "Internal Server Error");
  }

  public static Fault droppedConnection() {
    return new Fault(0, Map.of(), "", true);
  }

  /** The request is carried out, then the connection drops before the answer. */
  public static Fault droppedAfterCommit() {
    return new Fault(0, Map.of(), "", true, true);
  }
}
