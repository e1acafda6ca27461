package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** One HTTP header Datadog sends with each webhook call; its value is literal or read from a Secret. */
@ValidationRule(
    value = "has(self.value) != has(self.valueFrom)",
    message = "exactly one of value or valueFrom must be set")
public class CustomHeader {

  @Required
  @Size(max = 1024)
  @Pattern("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
  @JsonPropertyDescription("HTTP header name, for example Authorization.")
  private String name;

  @Size(max = 32768)
  @JsonPropertyDescription("Literal header value. Use valueFrom for tokens and passwords.")
  private String value;

  @JsonPropertyDescription("Reads the header value from a Secret (for tokens and passwords).")
  private ValueSource valueFrom;

  public CustomHeader() {}

  public CustomHeader(String name, String value, ValueSource valueFrom) {
    this.name = name;
    this.value = value;
    this.valueFrom = valueFrom;
  }

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
}
