package io.ddwebhooks.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real kube-apiserver with etcd (Fabric8 kube-api-test, offline: binaries from .ci/kube-binaries.sh), RBAC
 * authorization on, with this project's CRDs and deploy/operator RBAC applied. One per test class.
 */
public final class RealKubernetes implements AutoCloseable {

  public static final String OPERATOR_NAMESPACE = "datadog-webhooks-operator";
  public static final String OPERATOR_ACCOUNT = "datadog-webhooks-operator";

  private final KubeAPIServer server;
  private final String kubeconfigYaml;
  private final KubernetesClient admin;
  private final Path kubeconfig;

  private RealKubernetes(KubeAPIServer server, String kubeconfigYaml, Path kubeconfig) {
    this.server = server;
    this.kubeconfigYaml = kubeconfigYaml;
    this.kubeconfig = kubeconfig;
    this.admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build();
  }

  /** Starts the API server and applies deploy/crds and the RBAC of deploy/operator (not the Deployment). */
  public static RealKubernetes start() {
    return start(true);
  }

  /** As {@link #start()}; {@code installCrds} false leaves the CRDs to the test (kubectl apply). */
  public static RealKubernetes start(boolean installCrds) {
    return start(installCrds, true);
  }

  /** {@code installRbac} false leaves deploy/operator's RBAC out too (for a Helm install, say). */
  public static RealKubernetes start(boolean installCrds, boolean installRbac) {
    // binaries already installed (by .ci/kube-binaries.sh): never download. Otherwise kube-api-test may download
    // them on a machine with internet, unless KUBE_API_TEST_OFFLINE_MODE=true (as in CI) makes absence an error.
    boolean installed = installedBinaries().isPresent();
    if (!installed) {
      // never let kube-api-test try a download (there is no network here): say what to do instead
      throw new IllegalStateException("binaries missing: run .ci/kube-binaries.sh (kube-apiserver, etcd and kubectl"
          + " were not found under " + binariesRoot() + "; KUBE_API_TEST_DIR moves that folder)");
    }
    KubeAPIServerConfigBuilder builder = KubeAPIServerConfigBuilder.anAPIServerConfig().withUpdateKubeConfig(false)
        .withOfflineMode(true);
    KubeAPIServer server = startServer(builder);
    try {
      String yaml = server.getKubeConfigYaml();
      Path file = Files.createTempFile("kube-api-test", ".kubeconfig");
      file.toFile().deleteOnExit();
      Files.writeString(file, yaml);
      RealKubernetes k = new RealKubernetes(server, yaml, file);
      if (installCrds) {
        k.installCrds();
      }
      if (installRbac) {
        k.installOperatorRbac();
      }
      return k;
    } catch (IOException e) {
      server.stop();
      throw new UncheckedIOException(e);
    }
  }

  /** A cluster-admin client. */
  public KubernetesClient admin() {
    return admin;
  }

  /** The operator's own client acting as its ServiceAccount, so RBAC decides what it may do. */
  public KubernetesClient asOperatorServiceAccount() {
    Config config = Config.fromKubeconfig(kubeconfigYaml);
    config.setImpersonateUsername("system:serviceaccount:" + OPERATOR_NAMESPACE + ":" + OPERATOR_ACCOUNT);
    config.setImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + OPERATOR_NAMESPACE,
        "system:authenticated");
    return io.ddwebhooks.operator.reconciler.kube.OperatorClient.create(config);
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  private void installCrds() throws IOException {
    for (HasMetadata item : load(Path.of("deploy/crds"))) {
      admin.resource(item).create();
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      for (CustomResourceDefinition crd : admin.apiextensions().v1().customResourceDefinitions().list().getItems()) {
        assertThat(crd.getStatus().getConditions())
            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
      }
    });
  }

  private void installOperatorRbac() throws IOException {
    for (HasMetadata item : load(Path.of("deploy/operator"))) {
      if (!item.getKind().equals("Deployment")) {
        admin.resource(item).create();
      }
    }
  }

  /** Every object in the .yaml files of {@code dir}, in file-name order. */
  public List<HasMetadata> load(Path dir) throws IOException {
    List<HasMetadata> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
          .toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          out.addAll(admin.load(in).items());
        }
      }
    }
    return out;
  }

  /** Runs kubectl against this API server; returns its exit code and output (stdout and stderr). */
  public Kubectl kubectl(String... args) {
    Path binary = kubectlBinary();
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      p.getInputStream().transferTo(out);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
      }
      return new Kubectl(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The kubectl installed beside kube-apiserver, else the one on the PATH. */
  private static Path kubectlBinary() {
    return installedBinaries().map(dir -> dir.resolve("kubectl")).orElse(Path.of("kubectl"));
  }

  public static Path binariesRoot() {
    String dir = System.getenv().getOrDefault("KUBE_API_TEST_DIR", System.getProperty("user.home") + "/.kubeapitest");
    return Path.of(dir, "k8s");
  }

  /** The newest version folder holding kube-apiserver, etcd and kubectl, where kube-api-test looks. */
  private static java.util.Optional<Path> installedBinaries() {
    try (Stream<Path> versions = Files.list(binariesRoot())) {
      return versions.filter(v -> Stream.of("kube-apiserver", "etcd", "kubectl")
          .allMatch(b -> Files.isExecutable(v.resolve(b)))).sorted().reduce((a, b) -> b);
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Starts the API server. kube-api-test's readiness poll compares wall-clock LocalTime values, so a start within its
   * timeout of midnight fails at once (the deadline wraps to a small time of day); wait for midnight to pass, once.
   */
  private static KubeAPIServer startServer(KubeAPIServerConfigBuilder builder) {
    for (int attempt = 1; ; attempt++) {
      boolean nearMidnight = nearMidnight();
      KubeAPIServer server = new KubeAPIServer(builder.build());
      try {
        server.start();
        return server;
      } catch (RuntimeException e) {
        try {
          server.stop();
        } catch (RuntimeException ignored) {
          // it did not start: nothing more to stop
        }
        if (attempt == 1 && nearMidnight) {
          await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> !nearMidnight());
          continue;
        }
        throw new IllegalStateException("could not start kube-apiserver with the binaries in " + binariesRoot(), e);
      }
    }
  }

  private static boolean nearMidnight() {
    java.time.LocalTime now = java.time.LocalTime.now();
    return now.isAfter(java.time.LocalTime.of(23, 57)) || now.isBefore(java.time.LocalTime.of(0, 0, 5));
  }

  /** What kubectl said. */
  public record Kubectl(int exitCode, String output) {}

  @Override
  public void close() {
    admin.close();
    server.stop();
  }
}
