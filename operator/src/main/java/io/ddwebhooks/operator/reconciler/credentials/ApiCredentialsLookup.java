package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** {@link CredentialsLookup} on the API server. */
public final class ApiCredentialsLookup implements CredentialsLookup {

  private final KubernetesClient client;
  private final CredentialsKinds kinds;

  public ApiCredentialsLookup(KubernetesClient client, CredentialsKinds kinds) {
    this.client = client;
    this.kinds = kinds;
  }

  @Override
  public boolean available() {
    return kinds.any();
  }

  @Override
  public Optional<DatadogCredentials> namespaced(String namespace, String name) {
    if (!kinds.namespaced()) {
      return Optional.empty();
    }
    return Optional.ofNullable(client.resources(DatadogCredentials.class).inNamespace(namespace).withName(name).get());
  }

  @Override
  public Optional<ClusterDatadogCredentials> cluster(String name) {
    if (!kinds.cluster()) {
      return Optional.empty();
    }
    return Optional.ofNullable(client.resources(ClusterDatadogCredentials.class).withName(name).get());
  }

  @Override
  public Optional<Map<String, String>> namespaceLabels(String namespace) {
    try {
      Namespace ns = client.namespaces().withName(namespace).get();
      if (ns == null) {
        // a namespace that does not exist (any more) is selected by no selector
        return Optional.empty();
      }
      return Optional.of(ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels());
    } catch (KubernetesClientException e) {
      // fail closed: a selector is never evaluated on labels that could not be read
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> secretValue(String namespace, String name, String key) {
    return value(client.secrets().inNamespace(namespace).withName(name).get(), key);
  }

  /** A key's value (stringData is write-only: the API server moves it into data). */
  static Optional<String> value(Secret secret, String key) {
    if (secret == null) {
      return Optional.empty();
    }
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
    }
    return Optional.empty();
  }
}
