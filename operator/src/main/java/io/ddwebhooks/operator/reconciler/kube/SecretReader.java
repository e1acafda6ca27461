package io.ddwebhooks.operator.reconciler.kube;

import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.sync.SecretValues;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
  public SecretValues read(String namespace, Collection<SecretKeySelector> refs)
      throws MissingSecretException, InvalidSecretException {
    if (refs.isEmpty()) {
      return SecretValues.none();
    }
    Map<String, Secret> secrets = new HashMap<>();
    Map<SecretKeySelector, String> values = new HashMap<>();
    Map<String, String> versions = new HashMap<>();
    Set<String> missing = new LinkedHashSet<>();
    Set<String> invalid = new LinkedHashSet<>();
    List<String> otherKeys = new ArrayList<>();
    for (SecretKeySelector ref : refs) {
      Secret secret = secrets.computeIfAbsent(ref.getName(),
          n -> client.secrets().inNamespace(namespace).withName(n).get());
      if (secret == null) {
        missing.add("Secret '" + ref.getName() + "' not found in namespace '" + namespace + "'");
        continue;
      }
      versions.put(ref.getName(), secret.getMetadata().getResourceVersion());
      String value;
      try {
        value = value(secret, ref.getKey());
      } catch (CharacterCodingException e) {
        invalid.add("key '" + ref.getKey() + "' of Secret '" + ref.getName() + "' is not valid UTF-8 text");
        continue;
      }
      if (value == null) {
        missing.add("key '" + ref.getKey() + "' not found in Secret '" + ref.getName() + "'");
      } else {
        values.put(ref, value);
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingSecretException(String.join("; ", missing));
    }
    if (!invalid.isEmpty()) {
      throw new InvalidSecretException(String.join("; ", invalid));
    }
    for (Secret secret : secrets.values()) {
      if (secret != null && secret.getData() != null) {
        // every value of a Secret the resource reads is scrubbed from messages, referenced or not
        secret.getData().values().forEach(v -> otherKeys.add(
            new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
      }
    }
    return new SecretValues(values, versions, otherKeys);
  }

  /** The key's value; bytes that are not UTF-8 are refused rather than turned into replacement characters. */
  private static String value(Secret secret, String key) throws CharacterCodingException {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      byte[] bytes = Base64.getDecoder().decode(secret.getData().get(key));
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }
    return null;
  }
}
