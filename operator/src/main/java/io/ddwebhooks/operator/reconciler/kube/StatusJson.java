package io.ddwebhooks.operator.reconciler.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import java.util.Objects;

/** Copies and compares statuses as they are stored (the model classes carry no behaviour). */
public final class StatusJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusJson() {}

  /** A deep copy, as the API server would hold it. */
  public static DatadogResourceStatus copy(DatadogResourceStatus status) {
    return JSON.convertValue(JSON.valueToTree(status), DatadogResourceStatus.class);
  }

  /** Equal as stored: what the API server would hold (empty and absent fields are the same). */
  public static boolean same(DatadogResourceStatus a, DatadogResourceStatus b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(JSON.valueToTree(a), JSON.valueToTree(b));
  }
}
