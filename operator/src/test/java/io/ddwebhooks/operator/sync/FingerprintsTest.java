package io.ddwebhooks.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

  private final Fingerprints keys = new Fingerprints("k1", Map.of("k1", Fingerprints.newKey()));

  @Test
  void saltedKeyedAndStableForOneResource() throws Exception {
    String first = keys.of("{\"value\":\"hunter2\"}");
    assertThat(first).startsWith("v2:k1:");
    assertThat(keys.of("{\"value\":\"hunter2\"}", first)).isEqualTo(first);
    assertThat(keys.of("{\"value\":\"hunter3\"}", first)).isNotEqualTo(first);
    assertThat(keys.of("{\"value\":\"hunter2\"}")).as("another resource gets another salt").isNotEqualTo(first);
    assertThat(keys.matches(first, "{\"value\":\"hunter2\"}")).isTrue();
    assertThat(keys.matches(first, "{\"value\":\"hunter3\"}")).isFalse();
    byte[] plain = MessageDigest.getInstance("SHA-256").digest("{\"value\":\"hunter2\"}"
        .getBytes(StandardCharsets.UTF_8));
    assertThat(first).doesNotContain("hunter2")
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(plain));
  }

  @Test
  void noKeyFoundInTheStatusReproducesTheFingerprintOfAKnownValue() throws Exception {
    // what someone who can read the status tries: every part of the fingerprint as the HMAC key, with and
    // without the salt in the message, against a guess that is right
    String canonical = "{\"name\":\"PIN\",\"value\":\"4821\",\"is_secret\":true}";
    String fp = keys.of(canonical);
    String[] parts = fp.split(":");
    String mac = parts[3];
    List<String> candidates = new ArrayList<>(List.of(parts));
    candidates.add(fp);
    for (String key : candidates) {
      for (String message : List.of(canonical, parts[2] + "\n" + canonical, parts[2] + canonical)) {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key.isEmpty() ? new byte[1] : key.getBytes(StandardCharsets.UTF_8),
            "HmacSHA256"));
        String guess = Base64.getUrlEncoder().withoutPadding().encodeToString(
            hmac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        assertThat(guess).as("HMAC keyed with '%s'", key).isNotEqualTo(mac);
      }
    }
    // while the v1 scheme was reproducible from the status alone
    String v1 = Fingerprints.legacy("c2FsdA", canonical);
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec("c2FsdA".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(v1).endsWith(Base64.getUrlEncoder().withoutPadding().encodeToString(
        hmac.doFinal(canonical.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void v1FingerprintsStillVerifySoThatAnUpgradeCostsNoWrite() {
    String v1 = Fingerprints.legacy("c2FsdA", "{\"a\":1}");
    assertThat(keys.matches(v1, "{\"a\":1}")).isTrue();
    assertThat(keys.matches(v1, "{\"a\":2}")).isFalse();
    String upgraded = keys.of("{\"a\":1}", v1);
    assertThat(upgraded).startsWith("v2:k1:c2FsdA:");
  }

  @Test
  void rotationKeepsOldFingerprintsValidWhileTheOldKeyIsKept() {
    byte[] k1 = Fingerprints.newKey();
    Fingerprints before = new Fingerprints("k1", Map.of("k1", k1));
    String old = before.of("x");
    Fingerprints rotated = new Fingerprints("k2", Map.of("k1", k1, "k2", Fingerprints.newKey()));
    assertThat(rotated.matches(old, "x")).isTrue();
    assertThat(rotated.of("x", old)).startsWith("v2:k2:");
    Fingerprints dropped = new Fingerprints("k2", Map.of("k2", Fingerprints.newKey()));
    assertThat(dropped.matches(old, "x")).as("a removed key verifies nothing").isFalse();
    assertThat(rotated.matches("garbage", "x")).isFalse();
    assertThat(rotated.matches(null, "x")).isFalse();
  }
}
