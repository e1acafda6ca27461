package io.ddwebhooks.operator.datadog;

/** A webhook custom variable as the Datadog API carries it; {@code value} is null when Datadog hides a secret. */
public record CustomVariable(String name, String value, boolean isSecret) {

  public CustomVariable withName(String newName) {
    return new CustomVariable(newName, value, isSecret);
  }

  @Override
  public String toString() {
    // never print the value: it may be a secret
    return "CustomVariable[name=" + name + ", isSecret=" + isSecret + "]";
  }
}
