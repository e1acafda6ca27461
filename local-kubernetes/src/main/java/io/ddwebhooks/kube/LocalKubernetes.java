package io.ddwebhooks.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;

/**
 * An in-process Kubernetes API: Fabric8's mock server in CRUD mode, with the given CRDs installed and the parts of a
 * real API server's behaviour that an operator relies on added ({@link ApiServerDispatcher}: server-side apply of
 * finalizers and status, {@code stringData}). Good enough to run a whole operator loop; it has no schema validation,
 * CEL, RBAC or field ownership (the real API server tier tests those).
 */
public final class LocalKubernetes implements AutoCloseable {

  /** The mock server logs every request through java.util.logging; held so the setting is not collected. */
  private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private LocalKubernetes(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  /** Starts with the CRDs in {@code crdResources} (class path resources, YAML) installed. */
  public static LocalKubernetes start(List<String> crdResources) {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new ApiServerDispatcher(), false);
    server.init();
    KubernetesClient client = server.createClient();
    for (String crd : crdResources) {
      // the mock honours the status subresource only once the CRD itself exists in it
      client.apiextensions().v1().customResourceDefinitions().resource(loadCrd(client, crd)).create();
    }
    return new LocalKubernetes(server, client);
  }

  static CustomResourceDefinition loadCrd(KubernetesClient client, String resource) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in = (loader != null ? loader : LocalKubernetes.class.getClassLoader())
        .getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath: build with 'mvn package'");
      }
      return client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public KubernetesClient client() {
    return client;
  }

  public String url() {
    return server.url("/");
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
