package io.ddwebhooks.operator.reconciler.kube;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The operator's Kubernetes client: the default one, except that it reads every object without
 * {@code metadata.managedFields}. The operator never reads them ({@link PrunedItemStore} dropped them from the caches
 * after they were parsed), and they are about half of each object's JSON; parsing them into nested maps was most of
 * the CPU a start spends on the lists of its informers (about four times the rest of a webhook), and of every watch
 * event after that. Writes are unchanged: an object read this way has no managed fields to send, and the API server
 * keeps an object's managed fields when a write carries none, so nothing the operator writes removes them
 * ({@code KubectlIT} checks it).
 */
public final class OperatorClient {

  private OperatorClient() {}

  /** The client of the environment: the kubeconfig, or the pod's ServiceAccount. */
  public static KubernetesClient create() {
    return new KubernetesClientBuilder().withKubernetesSerialization(serialization()).build();
  }

  /** The client for {@code config}. */
  public static KubernetesClient create(Config config) {
    return new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(serialization()).build();
  }

  /** The JSON mapping of {@link #create}: the default, reading objects without their managed fields. */
  public static KubernetesSerialization serialization() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.addMixIn(ObjectMeta.class, WithoutManagedFields.class);
    return new KubernetesSerialization(mapper, true);
  }

  /** Skips {@code managedFields} when reading an {@link ObjectMeta}; writes what the object has, as before. */
  @JsonIgnoreProperties(value = "managedFields", allowGetters = true)
  private abstract static class WithoutManagedFields {}
}
