package io.ddwebhooks.operator.sync;

import io.ddwebhooks.operator.crd.NamespaceSelector;
import java.util.Map;

/** Kubernetes label selector semantics: every matchLabels entry and every requirement must hold. */
public final class LabelSelectors {

  private LabelSelectors() {}

  /** Absent or empty: everything matches. */
  public static boolean matches(NamespaceSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (NamespaceSelector.Requirement r : selector.getMatchExpressions()) {
      String value = labels.get(r.getKey());
      boolean ok = switch (r.getOperator()) {
        case "In" -> value != null && r.getValues().contains(value);
        case "NotIn" -> value == null || !r.getValues().contains(value);
        case "Exists" -> labels.containsKey(r.getKey());
        case "DoesNotExist" -> !labels.containsKey(r.getKey());
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
