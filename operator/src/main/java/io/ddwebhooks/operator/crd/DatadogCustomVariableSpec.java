package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Desired state of one Datadog webhook custom variable ($NAME in payloads, URLs and headers). */
@ValidationRule(
    value = "has(self.value) != has(self.valueFrom)",
    message = "exactly one of value or valueFrom must be set")
public class DatadogCustomVariableSpec extends ManagedSpec {

  public static final String NAME_PATTERN = "^[A-Z0-9_]+$";

  @Pattern(NAME_PATTERN)
  @JsonPropertyDescription(
      "Name of the variable in Datadog: upper-case letters, digits and '_'. Defaults to metadata.name"
          + " upper-cased with '-' and '.' turned into '_'. Changing it renames the variable in place.")
  private String name;

  @Size(max = 262144)
  @JsonPropertyDescription("Literal value. Use valueFrom for anything sensitive. Exactly one of value and valueFrom.")
  private String value;

  @JsonPropertyDescription("Reads the value from a Secret key. Exactly one of value and valueFrom.")
  private ValueSource valueFrom;

  @JsonProperty("isSecret")
  @JsonPropertyDescription(
      "Whether Datadog treats the value as secret: it is then never returned by the API and the operator"
          + " re-applies it when its source changes. Unset: true for a new variable whose value comes from valueFrom"
          + " (a value kept in a Secret is secret unless you say otherwise), false for a literal value; a variable"
          + " that already existed in Datadog before this default keeps what it had (a Warning Event asks to set it).")
  private Boolean isSecret;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public ValueSource getValueFrom() {
    return valueFrom;
  }

  public void setValueFrom(ValueSource valueFrom) {
    this.valueFrom = valueFrom;
  }

  @JsonProperty("isSecret")
  public Boolean getIsSecret() {
    return isSecret;
  }

  @JsonProperty("isSecret")
  public void setIsSecret(Boolean isSecret) {
    this.isSecret = isSecret;
  }
}
