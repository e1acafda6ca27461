package io.ddwebhooks.operator.sync;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fingerprints of desired Datadog objects, kept in status to know what was applied without storing a secret value.
 * An HMAC-SHA256 keyed with a random key that only the operator holds (a Secret in its own namespace), so that anyone
 * who can read the status cannot test guesses of a secret value offline. Format {@code v2:<keyId>:<salt>:<mac>}: the
 * key id lets the key be rotated (fingerprints made with an older key still verify while it is kept, and are replaced
 * on the next reconcile at no Datadog cost); the salt, random per resource, keeps equal values in two resources from
 * showing as equal.
 *
 * <p>The {@code v1:<salt>:<mac>} fingerprints of earlier versions were keyed with their own salt, so anyone could
 * recompute them: they are still checked (to upgrade without a write) and never made.
 */
public final class Fingerprints {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  /** Key ids appear in status and in Secret keys: short and plain. */
  private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[a-z0-9-]{1,32}");

  private final String currentId;
  private final Map<String, byte[]> keys;
  /**
   * Tags already made, by key id and text. An org's identity is tagged and compared on every check of every resource
   * (the template check compares each custom variable's org: thousands per reconcile at scale) and comes from a
   * handful of distinct texts, each an HMAC that cost more than the rest of the check. In memory only.
   */
  private final Map<String, String> tagMacs = new ConcurrentHashMap<>();
  private static final int MAX_TAGS_KEPT = 1024;

  /** {@code keys}: key id to key (at least 16 bytes); {@code currentId} names the one new fingerprints use. */
  public Fingerprints(String currentId, Map<String, byte[]> keys) {
    if (!keys.containsKey(currentId)) {
      throw new IllegalArgumentException("no key with id " + currentId);
    }
    for (Map.Entry<String, byte[]> k : keys.entrySet()) {
      if (!KEY_ID.matcher(k.getKey()).matches() || k.getValue().length < 16) {
        throw new IllegalArgumentException("fingerprint key ids are 1-32 of [a-z0-9-] and keys at least 16 bytes");
      }
    }
    this.currentId = currentId;
    this.keys = new TreeMap<>(keys);
  }

  /** A new random key, for a process with nowhere to keep one (its fingerprints do not survive a restart). */
  public static Fingerprints ephemeral() {
    return new Fingerprints("ephemeral", Map.of("ephemeral", newKey()));
  }

  /** 32 random bytes. */
  public static byte[] newKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  public static boolean validKeyId(String id) {
    return id != null && KEY_ID.matcher(id).matches();
  }

  /** The fingerprint of {@code canonical} with the current key, reusing the salt of {@code previous} if any. */
  public String of(String canonical, String... previous) {
    String salt = null;
    for (String p : previous) {
      salt = salt != null ? salt : parse(p).map(Parsed::salt).orElse(null);
    }
    if (salt == null) {
      byte[] bytes = new byte[16];
      RANDOM.nextBytes(bytes);
      salt = B64.encodeToString(bytes);
    }
    return "v2:" + currentId + ":" + salt + ":" + mac(keys.get(currentId), salt, canonical);
  }

  /** Whether {@code fingerprint} (any version, any known key) is that of {@code canonical}. */
  public boolean matches(String fingerprint, String canonical) {
    Optional<Parsed> p = parse(fingerprint);
    if (p.isEmpty()) {
      return false;
    }
    String expected;
    if (p.get().keyId() == null) {
      expected = legacyMac(p.get().salt(), canonical);
    } else if (keys.containsKey(p.get().keyId())) {
      expected = mac(keys.get(p.get().keyId()), p.get().salt(), canonical);
    } else {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        p.get().mac().getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * A deterministic keyed tag of {@code text} with the current key, {@code <keyId>:<mac>}: equal texts give equal
   * tags, so two records can be compared without either holding the text (an org identity made of an API key, say),
   * and nobody without the key can tell which text a tag stands for.
   */
  public String tag(String text) {
    return currentId + ":" + tagMac(currentId, text);
  }

  /** Whether {@code tag} is that of {@code text}; empty when the key it was made with is no longer held. */
  public Optional<Boolean> tagMatches(String tag, String text) {
    if (tag == null) {
      return Optional.of(false);
    }
    int colon = tag.indexOf(':');
    if (colon <= 0 || !keys.containsKey(tag.substring(0, colon))) {
      return Optional.empty();
    }
    String expected = tagMac(tag.substring(0, colon), text);
    return Optional.of(MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        tag.substring(colon + 1).getBytes(StandardCharsets.US_ASCII)));
  }

  private String tagMac(String keyId, String text) {
    String memo = keyId + "\n" + text;
    String mac = tagMacs.get(memo);
    if (mac == null) {
      mac = mac(keys.get(keyId), TAG_SALT, text);
      if (tagMacs.size() >= MAX_TAGS_KEPT) {
        tagMacs.clear(); // the texts are orgs: more than this many means they are not worth keeping
      }
      tagMacs.put(memo, mac);
    }
    return mac;
  }

  /** Whether {@code tag} was made with the key new tags use. */
  public boolean current(String tag) {
    return tag != null && tag.startsWith(currentId + ":");
  }

  /** Separates tags from fingerprints (whose salts are 22 random characters). */
  private static final String TAG_SALT = "tag";

  private record Parsed(String keyId, String salt, String mac) {}

  private static Optional<Parsed> parse(String fingerprint) {
    if (fingerprint == null) {
      return Optional.empty();
    }
    String[] parts = fingerprint.split(":", -1);
    if (parts.length == 3 && parts[0].equals("v1") && !parts[1].isEmpty()) {
      return Optional.of(new Parsed(null, parts[1], parts[2]));
    }
    if (parts.length == 4 && parts[0].equals("v2") && !parts[2].isEmpty()) {
      return Optional.of(new Parsed(parts[1], parts[2], parts[3]));
    }
    return Optional.empty();
  }

  private static String mac(byte[] key, String salt, String canonical) {
    return hmac(key, (salt + "\n" + canonical).getBytes(StandardCharsets.UTF_8));
  }

  /** The v1 scheme: keyed with the salt itself. Checked for upgrades only. */
  private static String legacyMac(String salt, String canonical) {
    return hmac(salt.getBytes(StandardCharsets.UTF_8), canonical.getBytes(StandardCharsets.UTF_8));
  }

  private static String hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return B64.encodeToString(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The v1 fingerprint of {@code canonical} with {@code salt}, as earlier versions wrote it (for upgrade tests). */
  static String legacy(String salt, String canonical) {
    return "v1:" + salt + ":" + legacyMac(salt, canonical);
  }

  @Override
  public String toString() {
    return "Fingerprints[current=" + currentId + ", keys=" + keys.keySet() + "]";
  }
}
