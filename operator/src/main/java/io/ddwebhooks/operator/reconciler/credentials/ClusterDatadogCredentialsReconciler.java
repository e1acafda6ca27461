package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.reconciler.kube.EventSink;
import io.ddwebhooks.operator.reconciler.kube.SecretEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Clock;
import java.util.List;

/** Status and deletion hold of ClusterDatadogCredentials (see {@link CredentialsReconciler}). */
@ControllerConfiguration(name = ClusterDatadogCredentialsReconciler.NAME, finalizerName = "ddwebhooks.io/finalizer")
public class ClusterDatadogCredentialsReconciler extends CredentialsReconciler<ClusterDatadogCredentials>
    implements Reconciler<ClusterDatadogCredentials>, Cleaner<ClusterDatadogCredentials> {

  public static final String NAME = "clusterdatadogcredentials";

  private final String defaultCredentials;

  public ClusterDatadogCredentialsReconciler(KubernetesClient client, OrgHealth health, EventSink events,
      Clock clock, java.time.Duration resync, SecretEvents secrets, CredentialsUsers users,
      String defaultCredentials) {
    super(ClusterDatadogCredentials.class, client, health, events, clock, resync, secrets, users);
    this.defaultCredentials = defaultCredentials;
  }

  @Override
  protected List<String[]> keyRefs(ClusterDatadogCredentials c) {
    var spec = c.getSpec();
    return List.of(new String[] {spec.getApiKeySecretRef().getNamespace(), spec.getApiKeySecretRef().getName(),
        spec.getApiKeySecretRef().getKey()}, new String[] {spec.getAppKeySecretRef().getNamespace(),
        spec.getAppKeySecretRef().getName(), spec.getAppKeySecretRef().getKey()});
  }

  @Override
  protected String ref(ClusterDatadogCredentials c) {
    return CredentialsWatch.clusterKey(c.getMetadata().getName());
  }

  /** The default credentials also serve every resource that names none. */
  @Override
  protected java.util.Set<String> userKeys(ClusterDatadogCredentials c) {
    return c.getMetadata().getName().equals(defaultCredentials)
        ? java.util.Set.of(ref(c), CredentialsResolver.DEFAULT_REF) : java.util.Set.of(ref(c));
  }

  @Override
  protected String urlProblem(ClusterDatadogCredentials c) {
    return null;
  }

  @Override
  protected java.util.Set<io.javaoperatorsdk.operator.processing.event.ResourceID> credentialsOf(String namespace,
      io.ddwebhooks.operator.crd.CredentialsRef ref) {
    String name = ref == null ? defaultCredentials
        : ref.getKind().equals(io.ddwebhooks.operator.crd.CredentialsRef.CLUSTER) ? ref.getName() : null;
    return name == null ? java.util.Set.of()
        : java.util.Set.of(new io.javaoperatorsdk.operator.processing.event.ResourceID(name));
  }

  /** Its namespaceSelector, on labels read now; a namespace whose labels cannot be read is not admitted. */
  @Override
  protected boolean admits(ClusterDatadogCredentials credentials, String namespace) {
    if (credentials.getMetadata().getName().equals(defaultCredentials)) {
      // the default org serves every namespace whose resources name no credentials
      return true;
    }
    try {
      io.fabric8.kubernetes.api.model.Namespace ns = client.namespaces().withName(namespace).get();
      return ns != null && io.ddwebhooks.operator.sync.LabelSelectors.matches(
          credentials.getSpec().getNamespaceSelector(), ns.getMetadata().getLabels() == null ? java.util.Map.of()
              : ns.getMetadata().getLabels());
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      return false;
    }
  }

}
