package io.ddwebhooks.emulator;

/**
 * One request the emulator answered, in arrival order, and the org it reached (null when its keys reached none).
 * Test-only data: bodies may hold secret values. {@code received}: when the request arrived (before any latency);
 * {@code status} 0: the connection was dropped instead; {@code overlapping}: a write that was being processed while
 * another write to the same org was (the real API does not tolerate that).
 */
public record RecordedCall(long sequence, String method, String path, String requestBody, int status,
    String responseBody, String org, java.time.Instant received, boolean overlapping) {

  /** A call that overlapped no other write. */
  public RecordedCall(long sequence, String method, String path, String requestBody, int status,
      String responseBody, String org, java.time.Instant received) {
    this(sequence, method, path, requestBody, status, responseBody, org, received, false);
  }

  public boolean isWrite() {
    return !method.equals("GET");
  }

  @Override
  public String toString() {
    return "#" + sequence + " " + method + " " + path + " -> " + status;
  }
}
