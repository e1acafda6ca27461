package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
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

  public ClusterDatadogCredentialsReconciler(KubernetesClient client, OrgHealth health, EventSink events, Clock clock, java.time.Duration resync, String defaultCredentials) {
    super(ClusterDatadogCredentials.class, client, health, events, clock, resync);
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

  @Override
  protected void secretNamespaces(InformerEventSourceConfiguration.Builder<Secret> config) {
    config.withNamespaces(Constants.WATCH_ALL_NAMESPACE_SET);
  }
}
