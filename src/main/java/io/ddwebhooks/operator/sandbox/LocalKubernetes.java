package io.ddwebhooks.operator.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;

/**
 * An in-process Kubernetes API (Fabric8's mock server in CRUD mode) with this operator's CRDs installed. Good enough
 * to run the whole operator loop; it has no server-side apply, schema validation, CEL or RBAC.
 */
public final class LocalKubernetes implements AutoCloseable {

  /** The CRDs the build generates from the Java model, on the classpath. */
  public static final List<String> CRD_RESOURCES = List.of(
      "META-INF/fabric8/datadogwebhooks.ddwebhooks.io-v1.yml",
      "META-INF/fabric8/datadogcustomvariables.ddwebhooks.io-v1.yml",
      "META-INF/fabric8/datadogcredentials.ddwebhooks.io-v1.yml",
      "META-INF/fabric8/clusterdatadogcredentials.ddwebhooks.io-v1.yml");

  /** The mock server logs every request through java.util.logging; held so the setting is not collected. */
  private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private LocalKubernetes(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  public static LocalKubernetes start() {
    return start(CRD_RESOURCES);
  }

  /** With only {@code crds} installed (an upgrade that did not add the newer ones, say). */
  public static LocalKubernetes start(List<String> crds) {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init();
    KubernetesClient client = server.createClient();
    for (String crd : crds) {
      // the mock honours the status subresource only once the CRD itself exists in it
      client.apiextensions().v1().customResourceDefinitions().resource(loadCrd(client, crd)).create();
    }
    return new LocalKubernetes(server, client);
  }

  static CustomResourceDefinition loadCrd(KubernetesClient client, String resource) {
    try (InputStream in = LocalKubernetes.class.getClassLoader().getResourceAsStream(resource)) {
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
