package io.ddwebhooks.operator.sync;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A salted HMAC-SHA256 of a desired Datadog object, stored in status to know what was applied without storing (or
 * making guessable) any secret value in it. Format: {@code v1:<salt>:<mac>}; the salt is random per resource and
 * reused so equal inputs give equal fingerprints.
 */
public final class Fingerprint {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Fingerprint() {}

  /** The fingerprint of {@code canonical}, salted with the salt of {@code previous} (or a new salt). */
  public static String of(String canonical, String... previous) {
    String salt = null;
    for (String p : previous) {
      salt = salt != null ? salt : saltOf(p);
    }
    if (salt == null) {
      byte[] bytes = new byte[16];
      RANDOM.nextBytes(bytes);
      salt = B64.encodeToString(bytes);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "v1:" + salt + ":" + B64.encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  static String saltOf(String fingerprint) {
    if (fingerprint == null) {
      return null;
    }
    String[] parts = fingerprint.split(":");
    return parts.length == 3 && parts[0].equals("v1") && !parts[1].isEmpty() ? parts[1] : null;
  }
}
