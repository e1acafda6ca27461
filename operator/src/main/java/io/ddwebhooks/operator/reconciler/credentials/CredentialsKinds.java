package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Set;

/**
 * Which credentials kinds the operator can use: their CRDs installed (Helm does not add new CRDs on upgrade) and
 * readable by its ServiceAccount (a namespace-scoped install cannot read cluster-scoped credentials).
 */
public record CredentialsKinds(boolean namespaced, boolean cluster) {

  public static final CredentialsKinds NONE = new CredentialsKinds(false, false);

  /** Asks the API server; {@code namespaces}: the watched ones, empty for all. */
  public static CredentialsKinds probe(KubernetesClient client, Set<String> namespaces) {
    Set<String> served = served(client);
    boolean namespaced = served.contains("datadogcredentials") && readable(() -> {
      if (namespaces.isEmpty()) {
        client.resources(DatadogCredentials.class).inAnyNamespace().list(one());
      } else {
        client.resources(DatadogCredentials.class).inNamespace(namespaces.iterator().next()).list(one());
      }
    });
    boolean cluster = served.contains("clusterdatadogcredentials")
        && readable(() -> client.resources(ClusterDatadogCredentials.class).list(one()));
    return new CredentialsKinds(namespaced, cluster);
  }

  /** The resources the API server serves in our group (discovery: every authenticated user may ask). */
  public static Set<String> served(KubernetesClient client) {
    try {
      var list = client.getApiResources("ddwebhooks.io/v1alpha1");
      return list == null ? Set.of() : list.getResources().stream()
          .map(io.fabric8.kubernetes.api.model.APIResource::getName).collect(java.util.stream.Collectors.toSet());
    } catch (KubernetesClientException e) {
      return Set.of();
    }
  }

  public boolean any() {
    return namespaced || cluster;
  }

  private static io.fabric8.kubernetes.api.model.ListOptions one() {
    return new ListOptionsBuilder().withLimit(1L).build();
  }

  private static boolean readable(Runnable list) {
    try {
      list.run();
      return true;
    } catch (KubernetesClientException e) {
      // 404: the CRD is not installed; 403: this ServiceAccount may not read it
      return false;
    }
  }
}
