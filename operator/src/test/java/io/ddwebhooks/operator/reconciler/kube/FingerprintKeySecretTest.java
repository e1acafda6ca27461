package io.ddwebhooks.operator.reconciler.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddwebhooks.operator.sync.Fingerprints;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FingerprintKeySecretTest {

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Secret secret(String current, String... idKeyPairs) {
    SecretBuilder b = new SecretBuilder().withNewMetadata().withName("key").withNamespace("ops").endMetadata();
    if (current != null) {
      b.addToData("current", b64(current));
    }
    for (int i = 0; i < idKeyPairs.length; i += 2) {
      b.addToData("key-" + idKeyPairs[i], b64(idKeyPairs[i + 1]));
    }
    return b.build();
  }

  @Test
  void readsTheCurrentKeyAndKeepsTheOthersForVerifying() {
    Fingerprints old = FingerprintKeySecret.parse(secret("k1", "k1", "0123456789abcdef0123"));
    String fp = old.of("x");
    Fingerprints rotated = FingerprintKeySecret.parse(secret("k2\n", "k1", "0123456789abcdef0123",
        "k2", "fedcba9876543210fedc"));
    assertThat(rotated.matches(fp, "x")).isTrue();
    assertThat(rotated.of("x")).startsWith("v2:k2:");
  }

  @Test
  void aMalformedSecretIsAClearErrorWithoutItsValues() {
    assertThatThrownBy(() -> FingerprintKeySecret.parse(secret(null, "k1", "0123456789abcdef0123")))
        .hasMessageContaining("ops/key").hasMessageContaining("current");
    assertThatThrownBy(() -> FingerprintKeySecret.parse(secret("k9", "k1", "0123456789abcdef0123")))
        .hasMessageContaining("current").hasMessageNotContaining("0123456789");
    assertThatThrownBy(() -> FingerprintKeySecret.parse(secret("k1", "k1", "short")))
        .hasMessageContaining("16 bytes").hasMessageNotContaining("short");
  }
}
