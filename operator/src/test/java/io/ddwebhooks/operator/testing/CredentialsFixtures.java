package io.ddwebhooks.operator.testing;

import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.crd.ClusterDatadogCredentialsSpec;
import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.crd.DatadogCredentialsSpec;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.crd.NamespaceSelector;
import io.ddwebhooks.operator.crd.NamespacedSecretKeySelector;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Map;

/** Builders for credentials objects in tests. */
public final class CredentialsFixtures {

  private CredentialsFixtures() {}

  /**
   * A DatadogCredentials at {@code url} for the org {@code organization} (null: none declared) whose keys are keys
   * "api" and "app" of Secret {@code secret}.
   */
  public static DatadogCredentials namespaced(String ns, String name, String url, String organization,
      String secret) {
    DatadogCredentials c = new DatadogCredentials();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    DatadogCredentialsSpec spec = new DatadogCredentialsSpec();
    spec.setUrl(url);
    spec.setOrganization(organization);
    spec.setApiKeySecretRef(new SecretKeySelector(secret, "api"));
    spec.setAppKeySecretRef(new SecretKeySelector(secret, "app"));
    c.setSpec(spec);
    return c;
  }

  /** A ClusterDatadogCredentials at {@code url} whose keys are keys "api" and "app" of {@code ns}/{@code secret}. */
  public static ClusterDatadogCredentials cluster(String name, String url, String organization, String ns,
      String secret, Map<String, String> selectorLabels) {
    ClusterDatadogCredentials c = new ClusterDatadogCredentials();
    c.setMetadata(new ObjectMetaBuilder().withName(name).build());
    ClusterDatadogCredentialsSpec spec = new ClusterDatadogCredentialsSpec();
    spec.setUrl(url);
    spec.setOrganization(organization);
    spec.setApiKeySecretRef(new NamespacedSecretKeySelector(ns, secret, "api"));
    spec.setAppKeySecretRef(new NamespacedSecretKeySelector(ns, secret, "app"));
    if (selectorLabels != null) {
      NamespaceSelector selector = new NamespaceSelector();
      selector.setMatchLabels(selectorLabels);
      spec.setNamespaceSelector(selector);
    }
    c.setSpec(spec);
    return c;
  }

  /** {@code resource} with its spec.credentialsRef set. */
  public static <R extends CustomResource<? extends ManagedSpec, ?>> R using(R resource, String kind, String name) {
    resource.getSpec().setCredentialsRef(new CredentialsRef(kind, name));
    return resource;
  }
}
