package io.ddwebhooks.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddwebhooks.operator.crd.SecretKeySelector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretValuesTest {

  @Test
  void redactsEveryResolvedValueLongestFirst() {
    SecretValues values = new SecretValues(Map.of(
        new SecretKeySelector("s", "a"), "abc",
        new SecretKeySelector("s", "b"), "https://h/abcdef"), Map.of("s", "1"));
    assertThat(values.redact("refused https://h/abcdef and abc"))
        .isEqualTo("refused [redacted] and [redacted]");
    assertThat(SecretValues.none().redact("text")).isEqualTo("text");
  }

  @Test
  void anUnresolvedKeyIsABugNotAnEmptyValue() {
    assertThatThrownBy(() -> SecretValues.none().get(new SecretKeySelector("s", "k")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void printsNoValue() {
    SecretValues values = new SecretValues(Map.of(new SecretKeySelector("s", "a"), "topsecret"), Map.of("s", "1"));
    assertThat(values.toString()).doesNotContain("topsecret");
  }
}
