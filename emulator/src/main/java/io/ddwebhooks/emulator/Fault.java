package io.ddwebhooks.emulator;

import java.util.Map;

/**
 * A canned failure the emulator answers instead of doing the work: an HTTP error, or a dropped connection; or, with
 * {@code commitsFirst}, a connection dropped after the work was done (the client cannot know it succeeded); or, with
 * {@code echoesRequest}, an error whose {@code errors[]} text repeats the request body (as some servers and proxies
 * do), to test that nothing the operator sent comes back out of it unredacted.
 */
public record Fault(int status, Map<String, String> headers, String body, boolean dropsConnection,
    boolean commitsFirst, boolean echoesRequest) {

  public Fault(int status, Map<String, String> headers, String body, boolean dropsConnection) {
    this(status, headers, body, dropsConnection, false, false);
  }

  public Fault(int status, Map<String, String> headers, String body, boolean dropsConnection,
      boolean commitsFirst) {
    this(status, headers, body, dropsConnection, commitsFirst, false);
  }

  /** An error with {@code status} whose text is the request body, JSON-escaped as Datadog's errors[] carries it. */
  public static Fault echo(int status) {
    return new Fault(status, Map.of(), "", false, false, true);
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
