package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.reconciler.kube.EventSink;
import io.ddwebhooks.operator.reconciler.kube.SecretEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Clock;
import java.util.List;

/** Status and deletion hold of DatadogCredentials (see {@link CredentialsReconciler}). */
@ControllerConfiguration(name = DatadogCredentialsReconciler.NAME, finalizerName = "ddwebhooks.io/finalizer")
public class DatadogCredentialsReconciler extends CredentialsReconciler<DatadogCredentials>
    implements Reconciler<DatadogCredentials>, Cleaner<DatadogCredentials> {

  public static final String NAME = "datadogcredentials";

  private final CredentialsResolver resolver;

  public DatadogCredentialsReconciler(KubernetesClient client, OrgHealth health, EventSink events, Clock clock,
      java.time.Duration resync, SecretEvents secrets, CredentialsUsers users, CredentialsResolver resolver) {
    super(DatadogCredentials.class, client, health, events, clock, resync, secrets, users);
    this.resolver = resolver;
  }

  @Override
  protected List<String[]> keyRefs(DatadogCredentials c) {
    String ns = c.getMetadata().getNamespace();
    var spec = c.getSpec();
    return List.of(new String[] {ns, spec.getApiKeySecretRef().getName(), spec.getApiKeySecretRef().getKey()},
        new String[] {ns, spec.getAppKeySecretRef().getName(), spec.getAppKeySecretRef().getKey()});
  }

  @Override
  protected String ref(DatadogCredentials c) {
    return CredentialsWatch.namespacedKey(c.getMetadata().getNamespace(), c.getMetadata().getName());
  }

  /** Its own namespace's resources only: the users are looked up in the namespace of the credentials. */
  @Override
  protected boolean admits(DatadogCredentials credentials, String namespace) {
    return namespace.equals(credentials.getMetadata().getNamespace());
  }

  @Override
  protected String urlProblem(DatadogCredentials c) {
    String url = c.getSpec().getUrl();
    return url == null ? null : resolver.namespacedUrlProblem(url).orElse(null);
  }

  @Override
  protected java.util.Set<io.javaoperatorsdk.operator.processing.event.ResourceID> credentialsOf(String namespace,
      io.ddwebhooks.operator.crd.CredentialsRef ref) {
    return ref != null && ref.getKind().equals(io.ddwebhooks.operator.crd.CredentialsRef.NAMESPACED)
        ? java.util.Set.of(new io.javaoperatorsdk.operator.processing.event.ResourceID(ref.getName(), namespace))
        : java.util.Set.of();
  }

}
