package io.ddwebhooks.emulator;

/**
 * One request the emulator answered, in arrival order, and the org it reached (null when its keys reached none).
 * Test-only data: bodies may hold secret values. {@code received}: when the request arrived (before any latency).
 */
public record RecordedCall(long sequence, String method, String path, String requestBody, int status,
    String responseBody, String org, java.time.Instant received) {

  public boolean isWrite() {
    return !method.equals("GET");
  }

  @Override
  public String toString() {
    return "#" + sequence + " " + method + " " + path + " -> " + status;
  }
}
