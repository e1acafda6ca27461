package io.ddwebhooks.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void comparesByMeaning() {
    assertThat(JsonText.same("{\"a\":[1,2]}", " { \"a\" : [1, 2] } ")).isTrue();
    assertThat(JsonText.same("{\"a\":1}", "{\"a\":2}")).isFalse();
    assertThat(JsonText.same("not json", " not json ")).isTrue();
    assertThat(JsonText.same(null, null)).isTrue();
    assertThat(JsonText.same(null, "{}")).isFalse();
  }

  @Test
  void parsesOnlyJson() {
    assertThat(JsonText.parse("{\"a\":1}")).isPresent();
    assertThat(JsonText.parse("{not json")).isEmpty();
    assertThat(JsonText.parse(null)).isEmpty();
  }
}
