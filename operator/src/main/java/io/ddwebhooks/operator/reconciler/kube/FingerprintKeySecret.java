package io.ddwebhooks.operator.reconciler.kube;

import io.ddwebhooks.operator.sync.Fingerprints;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key of the status fingerprints, kept in one Secret in the operator's own namespace and shared by every
 * replica: created once with a random key, never by Helm (which would make a new one on every render). Data:
 * {@code current} names the key id new fingerprints use, {@code key-<id>} holds each key (32 random bytes). To
 * rotate: add a {@code key-<new id>}, point {@code current} at it, keep the old key until every resource has been
 * reconciled once (the old fingerprints are replaced without a Datadog write), and restart the operator.
 */
public final class FingerprintKeySecret {

  public static final String DEFAULT_NAME = "datadog-webhooks-operator-fingerprint-key";
  static final String CURRENT = "current";
  static final String KEY_PREFIX = "key-";
  private static final Logger LOG = LoggerFactory.getLogger(FingerprintKeySecret.class);

  private FingerprintKeySecret() {}

  /** Reads the key Secret, creating it when absent (another replica may win that race: then it is read). */
  public static Fingerprints loadOrCreate(KubernetesClient client, String namespace, String name, Clock clock) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      String id = "k" + LocalDate.now(clock);
      Secret created = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
          .addToLabels("app.kubernetes.io/name", "datadog-webhooks-operator")
          .addToLabels("app.kubernetes.io/component", "fingerprint-key")
          .addToAnnotations("ddwebhooks.io/description", "The key of the status fingerprints (see README,"
              + " Security). Deleting it makes every secret custom variable be written to Datadog once more.")
          .endMetadata()
          .withType("Opaque")
          .addToData(CURRENT, b64(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .addToData(KEY_PREFIX + id, b64(Fingerprints.newKey()))
          .build();
      try {
        secret = client.secrets().inNamespace(namespace).resource(created).create();
        LOG.info("created the fingerprint key Secret {}/{} (key id {})", namespace, name, id);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        secret = client.secrets().inNamespace(namespace).withName(name).get();
      }
    }
    return parse(secret);
  }

  /** The keys in {@code secret}; a malformed Secret is an error that names what is wrong, never a value. */
  static Fingerprints parse(Secret secret) {
    String where = "fingerprint key Secret " + secret.getMetadata().getNamespace() + "/"
        + secret.getMetadata().getName();
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    Map<String, byte[]> keys = new HashMap<>();
    data.forEach((k, v) -> {
      if (k.startsWith(KEY_PREFIX)) {
        keys.put(k.substring(KEY_PREFIX.length()), Base64.getDecoder().decode(v));
      }
    });
    String current = data.get(CURRENT) == null ? null
        : new String(Base64.getDecoder().decode(data.get(CURRENT)), java.nio.charset.StandardCharsets.UTF_8).trim();
    if (!Fingerprints.validKeyId(current) || !keys.containsKey(current)) {
      throw new IllegalStateException(where + ": '" + CURRENT + "' must name a key id (1-32 of a-z, 0-9, '-')"
          + " whose key is in '" + KEY_PREFIX + "<id>'");
    }
    try {
      return new Fingerprints(current, keys);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + ": " + e.getMessage());
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
