package io.ddwebhooks.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Datadog call the emulator answered, in arrival order (the control API's own calls are not recorded), with
 * the writes that overlapped another write to the same org flagged.
 */
final class CallLog {

  private final List<RecordedCall> calls = new ArrayList<>();
  /** Not reset by {@link #clear()}: sequence numbers stay unique for the emulator's life. */
  private long sequence;

  synchronized RecordedCall record(String org, String method, String path, String requestBody, int status,
      String responseBody, Instant received, boolean overlapping) {
    RecordedCall call = new RecordedCall(++sequence, method, path, requestBody, status, responseBody, org, received,
        overlapping);
    calls.add(call);
    return call;
  }

  synchronized List<RecordedCall> all() {
    return List.copyOf(calls);
  }

  synchronized List<RecordedCall> writes() {
    return calls.stream().filter(RecordedCall::isWrite).toList();
  }

  /** The calls that reached the org {@code org}. */
  synchronized List<RecordedCall> forOrg(String org) {
    return calls.stream().filter(c -> org.equals(c.org())).toList();
  }

  /** The writes that overlapped another write to the same org. */
  synchronized List<RecordedCall> overlapping() {
    return calls.stream().filter(RecordedCall::overlapping).toList();
  }

  synchronized void clear() {
    calls.clear();
  }
}
