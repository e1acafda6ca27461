package io.ddwebhooks.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  @Test
  void isSaltedAndStableForOneResource() throws Exception {
    String first = Fingerprint.of("{\"value\":\"hunter2\"}");
    String again = Fingerprint.of("{\"value\":\"hunter2\"}", first);
    String other = Fingerprint.of("{\"value\":\"hunter3\"}", first);
    String elsewhere = Fingerprint.of("{\"value\":\"hunter2\"}");
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(elsewhere).as("another resource gets another salt").isNotEqualTo(first);
    byte[] plain = MessageDigest.getInstance("SHA-256").digest("{\"value\":\"hunter2\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(first).doesNotContain("hunter2")
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(plain));
  }

  @Test
  void takesTheSaltOfTheFirstUsablePreviousFingerprint() {
    String first = Fingerprint.of("a");
    assertThat(Fingerprint.of("a", null, first)).isEqualTo(first);
    assertThat(Fingerprint.of("a", "garbage", first)).isEqualTo(first);
  }
}
