package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How Datadog encodes the webhook request body. */
public enum EncodeAs {
  @JsonProperty("json")
  JSON("json"),
  @JsonProperty("form")
  FORM("form");

  private final String wireValue;

  EncodeAs(String wireValue) {
    this.wireValue = wireValue;
  }

  /** The value the Datadog API uses for this encoding. */
  public String wireValue() {
    return wireValue;
  }
}
