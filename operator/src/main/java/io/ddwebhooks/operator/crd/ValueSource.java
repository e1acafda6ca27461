package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** Where a secret value comes from: today only a key of a Secret. */
public class ValueSource {

  @Required
  @JsonPropertyDescription("Selects a key of a Secret in the resource's namespace.")
  private SecretKeySelector secretKeyRef;

  public ValueSource() {}

  public ValueSource(SecretKeySelector secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }

  public static ValueSource secret(String name, String key) {
    return new ValueSource(new SecretKeySelector(name, key));
  }

  public SecretKeySelector getSecretKeyRef() {
    return secretKeyRef;
  }

  public void setSecretKeyRef(SecretKeySelector secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueSource v && Objects.equals(secretKeyRef, v.secretKeyRef);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(secretKeyRef);
  }
}
