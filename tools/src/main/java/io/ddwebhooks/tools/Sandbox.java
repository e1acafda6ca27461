package io.ddwebhooks.tools;

import io.ddwebhooks.kube.LocalKubernetes;
import io.ddwebhooks.operator.crd.CrdResources;
import com.fasterxml.jackson.databind.JsonNode;
import io.ddwebhooks.operator.OperatorRuntime;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.crd.DatadogCredentialsSpec;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.DatadogWebhookSpec;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.SampleNotification;
import io.ddwebhooks.operator.sync.JsonText;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The zero-setup demo: an in-process Kubernetes API, the Datadog emulator and the real operator; applies the example
 * resources, shows them converge and what Datadog then holds, deletes them and shows the cleanup.
 */
public final class Sandbox {

  private static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);

  private final PrintStream out;

  public Sandbox(PrintStream out) {
    this.out = out;
  }

  /** Runs the demo; 0 when every example converged and was cleaned up. */
  public int run(Path examplesDir, boolean keepRunning) throws IOException {
    try (DatadogEmulator datadog = new DatadogEmulator(0, "sandbox-api-key", "sandbox-app-key");
        LocalKubernetes kubernetes = LocalKubernetes.start(CrdResources.ALL)) {
      KubernetesClient client = kubernetes.client();
      OperatorConfig config = OperatorConfig.forDatadog(datadog.baseUrl(), "sandbox-api-key", "sandbox-app-key")
          .withOperatorNamespace("datadog-webhooks-operator")
          .withCredentialsUrlAllowlist(List.of(datadog.baseUrl().toString()))
          .withRequestTimeout(Duration.ofSeconds(10));
      DatadogEmulator.Org staging = datadog.addOrg("staging", "sandbox-staging-api-key", "sandbox-staging-app-key");
      OperatorRuntime operator = OperatorRuntime.create(client, config);
      out.println("datadog-webhooks-operator sandbox");
      out.println("  Kubernetes API (in-process): " + kubernetes.url());
      out.println("  Datadog API (emulator):      " + datadog.baseUrl());
      operator.start();
      try {
        List<HasMetadata> applied = new ArrayList<>(apply(client, examplesDir));
        applied.addAll(secondOrg(client, datadog));
        List<HasMetadata> managed = applied.stream().filter(Sandbox::isManaged).toList();
        out.println();
        out.println("Waiting for " + managed.size() + " resources to converge:");
        boolean converged = await(client, managed);
        out.println();
        printDatadog("the default org", datadog.org(DatadogEmulator.DEFAULT_ORG));
        printDatadog("the org 'staging' (DatadogCredentials default/sandbox-staging)", staging);
        printNotification(datadog.org(DatadogEmulator.DEFAULT_ORG));
        if (!converged) {
          out.println();
          out.println("FAILED: not every resource became Ready within " + CONVERGE_TIMEOUT.toSeconds() + "s");
          return 1;
        }
        if (keepRunning) {
          out.println();
          out.println("Running until interrupted (Ctrl-C). Point kubectl at " + kubernetes.url()
              + " or DD_URL at " + datadog.baseUrl());
          while (!Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
          }
          return 0;
        }
        out.println();
        out.println("Deleting the resources; the finalizer removes what they created from Datadog:");
        boolean cleaned = delete(client, managed, datadog);
        if (refused > 0) {
          out.println("\n" + refused + " example(s) were refused when applied (see above): a real cluster refuses"
              + " them too.");
        }
        out.println(cleaned ? "\nDone: " + managed.size() + " resources converged and were cleaned up."
            : "\nFAILED: cleanup did not finish within " + CONVERGE_TIMEOUT.toSeconds() + "s");
        return cleaned ? 0 : 1;
      } finally {
        operator.stop();
      }
    }
  }

  private static boolean isManaged(HasMetadata r) {
    return typeOf(r) != null;
  }

  private static Class<? extends CustomResource<?, DatadogResourceStatus>> typeOf(HasMetadata r) {
    return switch (r.getKind()) {
      case "DatadogWebhook" -> DatadogWebhook.class;
      case "DatadogCustomVariable" -> DatadogCustomVariable.class;
      case "DatadogWebhookAuthMethod" -> io.ddwebhooks.operator.crd.DatadogWebhookAuthMethod.class;
      default -> null;
    };
  }

  private static CustomResource<?, DatadogResourceStatus> fetch(KubernetesClient client, HasMetadata r) {
    return client.resources(typeOf(r)).inNamespace(r.getMetadata().getNamespace())
        .withName(r.getMetadata().getName()).get();
  }

  /** DNS-1123 subdomain: what Kubernetes requires of the names of these kinds. */
  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private int refused;

  static String nameProblem(HasMetadata item) {
    String name = item.getMetadata().getName();
    if (name == null || name.isEmpty()) {
      return "metadata.name is missing";
    }
    if (name.length() > 253 || !NAME.matcher(name).matches()) {
      return "metadata.name '" + name + "' is not a valid Kubernetes name (lower-case letters, digits, '-' and '.',"
          + " starting and ending with a letter or digit)";
    }
    String ns = item.getMetadata().getNamespace();
    if (ns != null && (ns.length() > 63 || !NAME.matcher(ns).matches() || ns.contains("."))) {
      return "metadata.namespace '" + ns + "' is not a valid namespace name";
    }
    return null;
  }

  private List<HasMetadata> apply(KubernetesClient client, Path examplesDir) throws IOException {
    List<HasMetadata> applied = new ArrayList<>();
    Map<String, String> files = examples(examplesDir);
    out.println();
    out.println("Applying " + files.size() + " example files (" + (examplesDir != null ? examplesDir : "built in")
        + "):");
    for (Map.Entry<String, String> file : files.entrySet()) {
      for (HasMetadata item : client.load(new java.io.ByteArrayInputStream(
          file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8))).items()) {
        if (item.getMetadata().getNamespace() == null && item instanceof io.fabric8.kubernetes.api.model.Namespaced) {
          item.getMetadata().setNamespace("default");
        }
        // the in-process API server checks no names: refuse here what a real one would
        String refusal = nameProblem(item);
        if (refusal == null) {
          try {
            HasMetadata created = client.resource(item).create();
            applied.add(created);
            out.println("  " + file.getKey() + ": created " + describe(created));
            continue;
          } catch (KubernetesClientException e) {
            refusal = "the API server refused it (" + e.getCode() + ")";
          }
        }
        refused++;
        out.println("  " + file.getKey() + ": REFUSED " + item.getKind() + " '" + item.getMetadata().getName()
            + "': " + refusal + "; the other examples go on");
      }
    }
    return applied;
  }

  /** File name to content, in name order: from a folder, else the copy of deploy/examples inside the jar. */
  static Map<String, String> examples(Path dir) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    if (dir != null) {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.filter(Sandbox::isYaml).sorted().toList()) {
          files.put(p.getFileName().toString(), Files.readString(p));
        }
      }
      return files;
    }
    URI uri;
    try {
      var url = Sandbox.class.getClassLoader().getResource("examples");
      if (url == null) {
        throw new IOException("no examples: pass --examples DIR");
      }
      uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    if (uri.getScheme().equals("jar")) {
      try (FileSystem fs = FileSystems.newFileSystem(uri, new HashMap<String, Object>())) {
        return examples(fs.getPath("examples"));
      }
    }
    return examples(Path.of(uri));
  }

  private static boolean isYaml(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  private boolean await(KubernetesClient client, List<HasMetadata> resources) {
    Map<String, String> shown = new HashMap<>();
    Instant deadline = Instant.now().plus(CONVERGE_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      boolean allReady = true;
      for (HasMetadata r : resources) {
        CustomResource<?, DatadogResourceStatus> now = fetch(client, r);
        DatadogResourceStatus status = now == null ? null : now.getStatus();
        Condition ready = ReadyCondition.of(status).orElse(null);
        String line = ready == null ? "waiting for the operator"
            : "Ready=" + ready.getStatus() + " " + ready.getReason() + ": " + ready.getMessage();
        if (!line.equals(shown.put(describe(r), line))) {
          out.println("  " + describe(r) + "  " + line);
        }
        allReady &= now != null && ready != null && "True".equals(ready.getStatus())
            && status.getObservedGeneration() != null
            && status.getObservedGeneration().equals(now.getMetadata().getGeneration());
      }
      if (allReady) {
        return true;
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    return false;
  }

  private boolean delete(KubernetesClient client, List<HasMetadata> resources, DatadogEmulator datadog) {
    for (HasMetadata r : resources) {
      client.resources(typeOf(r)).inNamespace(r.getMetadata().getNamespace())
          .withName(r.getMetadata().getName()).delete();
      out.println("  deleted " + describe(r));
    }
    Instant deadline = Instant.now().plus(CONVERGE_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (resources.stream().allMatch(r -> fetch(client, r) == null)) {
        out.println("  Datadog now holds " + datadog.webhookNames().size() + " webhooks, "
            + datadog.variableNames().size() + " custom variables and " + datadog.authMethodNames().size()
            + " auth methods.");
        return datadog.webhookNames().isEmpty() && datadog.variableNames().isEmpty()
            && datadog.authMethodNames().isEmpty();
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    return false;
  }

  /**
   * A second Datadog org for the demo: its keys in a Secret, a DatadogCredentials naming it, and a webhook that uses
   * it (the emulator tells orgs apart by their keys; the organization id tells the operator).
   */
  private List<HasMetadata> secondOrg(KubernetesClient client, DatadogEmulator datadog) {
    out.println("  (the sandbox adds) a second org: Secret default/sandbox-staging-keys, DatadogCredentials"
        + " default/sandbox-staging, DatadogWebhook default/staging-alerts using it");
    client.secrets().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata().withName("sandbox-staging-keys").endMetadata()
        .addToStringData("api", "sandbox-staging-api-key").addToStringData("app", "sandbox-staging-app-key")
        .build()).create();
    DatadogCredentials creds = new DatadogCredentials();
    creds.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("sandbox-staging")
        .withNamespace("default").build());
    DatadogCredentialsSpec spec = new DatadogCredentialsSpec();
    spec.setUrl(datadog.baseUrl().toString());
    spec.setOrganization("staging");
    spec.setApiKeySecretRef(new SecretKeySelector("sandbox-staging-keys", "api"));
    spec.setAppKeySecretRef(new SecretKeySelector("sandbox-staging-keys", "app"));
    creds.setSpec(spec);
    client.resource(creds).create();
    DatadogWebhook hook = new DatadogWebhook();
    hook.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("staging-alerts")
        .withNamespace("default").build());
    DatadogWebhookSpec hookSpec = new DatadogWebhookSpec();
    hookSpec.setUrl("https://staging-chatops.example.com/hooks/datadog");
    hookSpec.setCredentialsRef(new CredentialsRef(CredentialsRef.NAMESPACED, "sandbox-staging"));
    hook.setSpec(hookSpec);
    return List.of(client.resource(hook).create());
  }

  private void printDatadog(String which, DatadogEmulator.Org datadog) {
    out.println("What the emulated Datadog holds now in " + which + ":");
    for (String name : datadog.webhookNames()) {
      JsonNode w = datadog.webhook(name).orElseThrow();
      List<String> headers = new ArrayList<>();
      JsonText.parse(w.path("custom_headers").asText(null)).ifPresent(h -> {
        for (Iterator<String> it = h.fieldNames(); it.hasNext(); ) {
          headers.add(it.next());
        }
      });
      out.println("  webhook " + name + "  url=" + maskUrl(w.path("url").asText()) + "  encode_as="
          + w.path("encode_as").asText() + "  headers=" + headers + "  payload="
          + (w.path("payload").asText().equals(DatadogEmulator.DEFAULT_PAYLOAD) ? "(Datadog default)" : "custom"));
    }
    for (String name : datadog.variableNames()) {
      JsonNode v = datadog.storedVariable(name).orElseThrow();
      boolean secret = v.path("is_secret").asBoolean();
      out.println("  custom variable " + name + "  is_secret=" + secret + "  value="
          + (secret ? "(hidden: Datadog never returns it)" : v.path("value").asText()));
    }
    for (String name : datadog.authMethodNames()) {
      JsonNode m = datadog.storedAuthMethod(name).orElseThrow();
      out.println("  auth method " + name + "  id=" + m.path("id").asText() + "  access_token_url="
          + maskUrl(m.path("access_token_url").asText()) + "  client_id=" + m.path("client_id").asText()
          + "  client_secret=(hidden: Datadog never returns it)");
    }
  }

  /**
   * What a receiver would get from one webhook if a sample monitor alert fired it (the emulator's rendering), the
   * values of secret custom variables and of the headers left out (they come from Secrets).
   */
  private void printNotification(DatadogEmulator.Org datadog) {
    Optional<String> name = datadog.webhookNames().stream().filter(n -> !datadog.webhook(n).orElseThrow()
        .path("payload").asText().equals(DatadogEmulator.DEFAULT_PAYLOAD)).findFirst();
    if (name.isEmpty()) {
      return;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String variable : datadog.variableNames()) {
      JsonNode v = datadog.storedVariable(variable).orElseThrow();
      values.put(variable, v.path("is_secret").asBoolean() ? "(secret $" + variable + ")" : v.path("value").asText());
    }
    SampleNotification.Rendered n = SampleNotification.render(datadog.webhook(name.get()).orElseThrow(), values);
    out.println();
    out.println("What a receiver would get if a monitor alert fired webhook " + name.get()
        + " (emulator GET " + DatadogEmulator.NOTIFICATIONS + "/" + name.get() + "):");
    out.println("  POST " + maskUrl(n.url()) + "  headers=" + n.headers().keySet());
    n.body().lines().forEach(line -> out.println("  | " + line));
  }

  /** scheme://host/... : the path and query of a webhook URL often carry a token. */
  static String maskUrl(String url) {
    try {
      URI u = URI.create(url);
      boolean more = (u.getRawPath() != null && u.getRawPath().length() > 1) || u.getRawQuery() != null;
      return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + (more ? "/..." : "");
    } catch (IllegalArgumentException e) {
      return "(unparseable)";
    }
  }

  private static String describe(HasMetadata r) {
    return r.getKind() + " " + (r.getMetadata().getNamespace() == null ? "" : r.getMetadata().getNamespace() + "/")
        + r.getMetadata().getName();
  }

}
