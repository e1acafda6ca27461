package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A standard Kubernetes label selector over namespaces (matchLabels and matchExpressions, all must hold). */
public class NamespaceSelector {

  @JsonPropertyDescription("Labels a namespace must have, each with exactly this value.")
  private Map<String, String> matchLabels = new TreeMap<>();

  @JsonPropertyDescription("Requirements a namespace's labels must meet.")
  private List<Requirement> matchExpressions = new ArrayList<>();

  /** One requirement on a label. */
  public static class Requirement {

    @Required
    @JsonPropertyDescription("The label key.")
    private String key;

    @Required
    @Pattern("^(In|NotIn|Exists|DoesNotExist)$")
    @JsonPropertyDescription("In, NotIn, Exists or DoesNotExist.")
    private String operator;

    @JsonPropertyDescription("The values for In and NotIn; empty for Exists and DoesNotExist.")
    private List<String> values = new ArrayList<>();

    public Requirement() {}

    public Requirement(String key, String operator, List<String> values) {
      this.key = key;
      this.operator = operator;
      this.values = values == null ? new ArrayList<>() : new ArrayList<>(values);
    }

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }

    public String getOperator() {
      return operator;
    }

    public void setOperator(String operator) {
      this.operator = operator;
    }

    public List<String> getValues() {
      return values;
    }

    public void setValues(List<String> values) {
      this.values = values == null ? new ArrayList<>() : values;
    }
  }

  public Map<String, String> getMatchLabels() {
    return matchLabels;
  }

  public void setMatchLabels(Map<String, String> matchLabels) {
    this.matchLabels = matchLabels == null ? new TreeMap<>() : matchLabels;
  }

  public List<Requirement> getMatchExpressions() {
    return matchExpressions;
  }

  public void setMatchExpressions(List<Requirement> matchExpressions) {
    this.matchExpressions = matchExpressions == null ? new ArrayList<>() : matchExpressions;
  }
}
