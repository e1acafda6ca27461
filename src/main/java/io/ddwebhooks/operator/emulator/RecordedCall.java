package io.ddwebhooks.operator.emulator;

/** One request the emulator answered, in arrival order. Test-only data: bodies may hold secret values. */
public record RecordedCall(long sequence, String method, String path, String requestBody, int status,
    String responseBody) {

  public boolean isWrite() {
    return !method.equals("GET");
  }

  @Override
  public String toString() {
    return "#" + sequence + " " + method + " " + path + " -> " + status;
  }
}
