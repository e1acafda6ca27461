package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.sync.SecretValues;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads referenced Secret keys straight from the API server when a reconcile needs them. The operator's Secret
 * informer keeps only names and resourceVersions (to trigger reconciles), so no Secret data sits in its memory.
 */
public class SecretReader implements SecretSource {

  private final KubernetesClient client;

  public SecretReader(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public SecretValues read(String namespace, Collection<SecretKeySelector> refs) throws MissingSecretException {
    if (refs.isEmpty()) {
      return SecretValues.none();
    }
    Map<String, Secret> secrets = new HashMap<>();
    Map<SecretKeySelector, String> values = new HashMap<>();
    Map<String, String> versions = new HashMap<>();
    Set<String> missing = new LinkedHashSet<>();
    for (SecretKeySelector ref : refs) {
      Secret secret = secrets.computeIfAbsent(ref.getName(),
          n -> client.secrets().inNamespace(namespace).withName(n).get());
      if (secret == null) {
        missing.add("Secret '" + ref.getName() + "' not found in namespace '" + namespace + "'");
        continue;
      }
      versions.put(ref.getName(), secret.getMetadata().getResourceVersion());
      String value = value(secret, ref.getKey());
      if (value == null) {
        missing.add("key '" + ref.getKey() + "' not found in Secret '" + ref.getName() + "'");
      } else {
        values.put(ref, value);
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingSecretException(String.join("; ", missing));
    }
    return new SecretValues(values, versions);
  }

  private static String value(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
    // stringData is write-only on a real API server; the in-process one used by the sandbox may keep it
    if (secret.getStringData() != null) {
      return secret.getStringData().get(key);
    }
    return null;
  }
}
