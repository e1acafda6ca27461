package io.ddwebhooks.operator;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ddwebhooks.operator.config.ConfigException;
import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.datadog.HttpWebhooksIntegrationApi;
import io.ddwebhooks.operator.datadog.OrgTarget;
import io.ddwebhooks.operator.migration.Exporter;
import io.ddwebhooks.operator.observability.LogFormat;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsResolver;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export}: existing Datadog webhooks and custom variables as resources that adopt them exactly. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Print DatadogWebhook, DatadogCustomVariable and DatadogWebhookAuthMethod resources (with"
        + " ddwebhooks.io/adopt) for existing"
        + " Datadog objects, ready to apply. Credential-like values go to a Secret in --secrets-out (mode 0600),"
        + " never to standard output. Reads DD_API_KEY, DD_APP_KEY, DD_SITE, DD_URL (or --credentials).")
final class ExportCommand implements Callable<Integer> {

  @Option(names = "--webhook", split = ",", description = "Webhook names (repeatable, or comma-separated).")
  List<String> webhooks = new ArrayList<>();

  @Option(names = "--variable", split = ",", description = "Custom variable names (repeatable, or comma-separated).")
  List<String> variables = new ArrayList<>();

  @Option(names = "--auth-method", split = ",", description = "Auth method names (API v2 OAuth2 client"
      + " credentials; repeatable, or comma-separated). Their client secret is left for you to fill.")
  List<String> authMethods = new ArrayList<>();

  @Option(names = "--all-auth-methods", description = "Every auth method of the org (Datadog lists them).")
  boolean allAuthMethods;

  @Option(names = "--from-file", description = "A file with one name a line: 'webhook NAME', 'variable NAME' or"
      + " 'auth-method NAME' (a bare NAME is a webhook); '#' starts a comment.")
  Path fromFile;

  @Option(names = "--namespace", description = "metadata.namespace of the resources (default: none, kubectl's).")
  String namespace;

  @Option(names = "--credentials", description = "Read Datadog with these credentials, and name them in"
      + " spec.credentialsRef: DatadogCredentials/NAME (in --namespace), ClusterDatadogCredentials/NAME, or NAME"
      + " (a DatadogCredentials). Needs a kubeconfig.")
  String credentials;

  @Option(names = "--secret-header", split = ",", description = "Header names whose values are secret, besides"
      + " the ones that look it (Authorization, *-Token, *-Key, *Secret*, ...).")
  List<String> secretHeaders = new ArrayList<>();

  @Option(names = "--secrets-out", description = "File for the generated Secret (created with mode 0600).")
  Path secretsOut;

  @Option(names = "--secret-name", defaultValue = "datadog-webhooks-export",
      description = "Name of the generated Secret (default datadog-webhooks-export).")
  String secretName;

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  ExportCommand() {
    this(System.out, System.err, System.getenv());
  }

  /** {@code env}: where DD_API_KEY, DD_APP_KEY, DD_SITE and DD_URL come from. */
  ExportCommand(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    // standard output is the YAML: no log line may land in it
    LogFormat.apply("OFF", "text");
    try {
      readNames();
    } catch (IOException e) {
      err.println("error: cannot read " + fromFile + ": " + e.getMessage());
      return 2;
    }
    if (webhooks.isEmpty() && variables.isEmpty() && authMethods.isEmpty() && !allAuthMethods) {
      err.println("error: name at least one --webhook, --variable, --auth-method or --from-file, or give"
          + " --all-auth-methods");
      return 2;
    }
    CredentialsRef ref = credentials == null ? null : ref(credentials);
    OrgTarget org;
    try {
      org = org(ref);
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    HttpWebhooksIntegrationApi datadog = new HttpWebhooksIntegrationApi(org.endpoint(), org.apiKey(),
        org.appKey(), Duration.ofSeconds(30), "datadog-webhooks-operator/" + OperatorRuntime.VERSION + " export");
    Exporter.Result result = new Exporter(datadog).export(webhooks, variables, authMethods, allAuthMethods,
        new Exporter.Options(namespace, ref, Set.copyOf(secretHeaders), secretName));
    boolean secretValues = result.secret() != null && !((Map<?, ?>) result.secret().get("stringData")).isEmpty();
    if (secretValues && secretsOut == null) {
      err.println("error: " + ((Map<?, ?>) result.secret().get("stringData")).size() + " value(s) look like"
          + " credentials (URLs with tokens, authorization headers); they are never printed. Name a file for the"
          + " generated Secret with --secrets-out FILE");
      return 2;
    }
    YAMLMapper yaml = new YAMLMapper(YAMLFactory.builder().enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
        .build());
    if (result.secret() != null && secretsOut != null) {
      writePrivately(secretsOut, yaml.writeValueAsString(result.secret()));
      err.println("# the generated Secret is in " + secretsOut + " (mode 0600): review it, apply it first");
    }
    for (Map<String, Object> resource : result.resources()) {
      out.print(yaml.writeValueAsString(resource));
    }
    for (String key : result.toFill()) {
      err.println("# fill before it can converge (Datadog never returns a secret variable's value or a client"
          + " secret): " + key);
    }
    for (String problem : result.problems()) {
      err.println("not exported: " + problem);
    }
    return result.problems().isEmpty() ? 0 : 1;
  }

  private void readNames() throws IOException {
    if (fromFile == null) {
      return;
    }
    for (String raw : Files.readAllLines(fromFile)) {
      String line = raw.replaceAll("#.*", "").trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+", 2);
      if (parts.length == 2 && parts[0].equalsIgnoreCase("variable")) {
        variables.add(parts[1].trim());
      } else if (parts.length == 2 && parts[0].equalsIgnoreCase("auth-method")) {
        authMethods.add(parts[1].trim());
      } else if (parts.length == 2 && parts[0].equalsIgnoreCase("webhook")) {
        webhooks.add(parts[1].trim());
      } else {
        webhooks.add(line);
      }
    }
  }

  private static CredentialsRef ref(String value) {
    int slash = value.indexOf('/');
    return slash < 0 ? new CredentialsRef(CredentialsRef.NAMESPACED, value)
        : new CredentialsRef(value.substring(0, slash), value.substring(slash + 1));
  }

  /** The org to read: the environment's keys, or the named credentials (through the Kubernetes API). */
  private OrgTarget org(CredentialsRef ref) {
    OperatorConfig config = OperatorConfig.fromEnvironment(env);
    if (ref == null) {
      io.ddwebhooks.operator.reconciler.credentials.EnvironmentOrg env = OperatorRuntime.environmentOrg(config);
      if (env == null) {
        throw new ConfigException("set DD_API_KEY and DD_APP_KEY (and DD_SITE or DD_URL), or name --credentials");
      }
      return new OrgTarget(env.endpoint(), "environment", env.endpoint().getHost(), env.apiKey(), env.appKey());
    }
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      CredentialsResolver resolver = OperatorRuntime.credentials(client, config.withoutEnvironmentKeys(), null,
          io.ddwebhooks.operator.sync.Fingerprints.ephemeral());
      CredentialsResolver.Resolved resolved = resolver.resolve(namespace, ref);
      if (resolved instanceof CredentialsResolver.Org o) {
        return o.target();
      }
      throw new ConfigException("credentials " + ref.getKind() + "/" + ref.getName() + ": "
          + ((CredentialsResolver.Problem) resolved).outcome().message());
    }
  }

  /** Writes {@code text} to a file only its owner can read, whether or not it existed. */
  static void writePrivately(Path file, String text) throws IOException {
    Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
    if (Files.exists(file)) {
      Files.setPosixFilePermissions(file, owner);
    } else {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
    }
    Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
  }
}
