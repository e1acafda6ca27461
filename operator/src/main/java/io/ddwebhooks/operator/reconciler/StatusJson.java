package io.ddwebhooks.operator.reconciler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import java.util.Objects;

/** Copies and compares statuses as they are stored (the model classes carry no behaviour). */
final class StatusJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusJson() {}

  static DatadogResourceStatus copy(DatadogResourceStatus status) {
    return JSON.convertValue(JSON.valueToTree(status), DatadogResourceStatus.class);
  }

  /** Equal as stored: what the API server would hold (empty and absent fields are the same). */
  static boolean same(DatadogResourceStatus a, DatadogResourceStatus b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(JSON.valueToTree(a), JSON.valueToTree(b));
  }
}
