package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import java.util.Map;
import java.util.Optional;

/** What resolving credentials reads from Kubernetes (the API server in production; maps in unit tests). */
public interface CredentialsLookup {

  /** Whether the credentials CRDs are installed (an upgrade through Helm does not add new CRDs). */
  boolean available();

  Optional<DatadogCredentials> namespaced(String namespace, String name);

  Optional<ClusterDatadogCredentials> cluster(String name);

  /** The labels of a namespace ({} when it has none); empty when they cannot be read (access is then refused). */
  Optional<Map<String, String>> namespaceLabels(String namespace);

  /** A key of a Secret, as text; empty when the Secret or the key is missing. */
  Optional<String> secretValue(String namespace, String name, String key);
}
