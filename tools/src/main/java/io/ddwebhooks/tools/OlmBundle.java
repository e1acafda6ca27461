package io.ddwebhooks.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Operator Lifecycle Manager bundle (OperatorHub, OpenShift), generated from what users apply without OLM:
 * deploy/crds (the CRDs, and the CSV's descriptors from their schemas), deploy/operator (the Deployment and its RBAC,
 * in the CSV's install strategy) and deploy/examples (alm-examples). So the bundle cannot drift from the manifests:
 * {@code java -jar tools/target/datadog-webhooks-tools.jar bundle} writes it, and OlmBundleTest fails when the
 * committed bundle/ differs from what this produces.
 */
public final class OlmBundle {

  public static final String PACKAGE = "datadog-webhooks-operator";
  public static final String CHANNEL = "alpha";
  private static final String VERSION = "0.1.0";
  private static final String GROUP = "ddwebhooks.io";
  private static final String SCORECARD_IMAGE = "quay.io/operator-framework/scorecard-test:v1.39.0";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A plain mark for consoles: a webhook's arrow into a bell. */
  private static final String ICON = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\">"
      + "<rect width=\"64\" height=\"64\" rx=\"12\" fill=\"#632ca6\"/>"
      + "<path d=\"M32 14a12 12 0 0 0-12 12v10l-4 6h32l-4-6V26a12 12 0 0 0-12-12zm-5 32a5 5 0 0 0 10 0z\""
      + " fill=\"#fff\"/></svg>";

  private final Path root;

  /** {@code root}: the repository (deploy/ under it). */
  public OlmBundle(Path root) {
    this.root = root;
  }

  /** Every file of the bundle, by its path under bundle/, with its content. */
  public Map<String, String> files() {
    Map<String, String> files = new TreeMap<>();
    List<ObjectNode> crds = load(root.resolve("deploy/crds"));
    for (ObjectNode crd : crds) {
      String plural = crd.at("/spec/names/plural").asText();
      files.put("manifests/" + GROUP + "_" + plural + ".yaml", yaml(crd));
    }
    List<ObjectNode> operator = load(root.resolve("deploy/operator"));
    for (ObjectNode o : operator) {
      if (o.path("kind").asText().equals("Service")) {
        ObjectNode service = o.deepCopy();
        ((ObjectNode) service.get("metadata")).remove("namespace");
        files.put("manifests/" + service.at("/metadata/name").asText() + "_v1_service.yaml", yaml(service));
      }
    }
    files.put("manifests/" + PACKAGE + ".clusterserviceversion.yaml", yaml(csv(crds, operator)));
    files.put("metadata/annotations.yaml", yaml(annotations()));
    files.put("tests/scorecard/config.yaml", yaml(scorecard()));
    files.put("bundle.Dockerfile", dockerfile());
    return files;
  }

  /** Writes the bundle under {@code out} (bundle/ of the repository), removing files it no longer has. */
  public List<String> write(Path out) throws IOException {
    Map<String, String> files = files();
    if (Files.isDirectory(out)) {
      try (Stream<Path> existing = Files.walk(out)) {
        for (Path p : existing.filter(Files::isRegularFile).toList()) {
          if (!files.containsKey(out.relativize(p).toString().replace('\\', '/'))) {
            Files.delete(p);
          }
        }
      }
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = out.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    return List.copyOf(files.keySet());
  }

  private ObjectNode csv(List<ObjectNode> crds, List<ObjectNode> operator) {
    ObjectNode deployment = only(operator, "Deployment");
    String image = deployment.at("/spec/template/spec/containers/0/image").asText();
    String account = deployment.at("/spec/template/spec/serviceAccountName").asText();

    ObjectNode csv = JSON.createObjectNode();
    csv.put("apiVersion", "operators.coreos.com/v1alpha1");
    csv.put("kind", "ClusterServiceVersion");
    ObjectNode metadata = csv.putObject("metadata");
    metadata.put("name", PACKAGE + ".v" + VERSION);
    metadata.put("namespace", "placeholder");
    ObjectNode annotations = metadata.putObject("annotations");
    annotations.put("alm-examples", almExamples());
    annotations.put("capabilities", "Basic Install");
    annotations.put("categories", "Monitoring,Integration & Delivery");
    annotations.put("containerImage", image);
    annotations.put("description", "Declare Datadog webhook notification channels and webhook custom variables as"
        + " Kubernetes resources.");
    annotations.put("support", "datadog-webhooks-operator project");
    annotations.put("operatorframework.io/suggested-namespace", deployment.at("/metadata/namespace").asText());
    annotations.put("features.operators.openshift.io/disconnected", "false");
    annotations.put("features.operators.openshift.io/fips-compliant", "false");
    annotations.put("features.operators.openshift.io/proxy-aware", "false");
    annotations.put("features.operators.openshift.io/tls-profiles", "false");
    annotations.put("features.operators.openshift.io/token-auth-aws", "false");
    annotations.put("features.operators.openshift.io/token-auth-azure", "false");
    annotations.put("features.operators.openshift.io/token-auth-gcp", "false");
    metadata.putObject("labels").put("operatorframework.io/arch.amd64", "supported");

    ObjectNode spec = csv.putObject("spec");
    spec.put("displayName", "Datadog Webhooks Operator");
    spec.put("description", description());
    spec.put("version", VERSION);
    spec.put("maturity", CHANNEL);
    spec.put("minKubeVersion", "1.25.0");
    spec.putObject("provider").put("name", "datadog-webhooks-operator project");
    // the address of the project's API group domain; no source link or repository annotation until the project has
    // a published home (docs/olm.md says what a publisher adds)
    spec.putArray("maintainers").addObject().put("name", "datadog-webhooks-operator maintainers")
        .put("email", "maintainers@" + GROUP);
    spec.putArray("icon").addObject().put("base64data", java.util.Base64.getEncoder().encodeToString(ICON.getBytes(
        java.nio.charset.StandardCharsets.UTF_8))).put("mediatype", "image/svg+xml");
    ArrayNode keywords = spec.putArray("keywords");
    List.of("datadog", "webhooks", "monitoring", "alerting", "notifications").forEach(keywords::add);
    // WATCH_NAMESPACES takes one namespace, a comma-separated list, or none (all): every OLM install mode
    ArrayNode modes = spec.putArray("installModes");
    for (String mode : List.of("OwnNamespace", "SingleNamespace", "MultiNamespace", "AllNamespaces")) {
      modes.addObject().put("type", mode).put("supported", true);
    }

    ObjectNode owned = spec.putObject("customresourcedefinitions");
    ArrayNode ownedList = owned.putArray("owned");
    for (ObjectNode crd : crds) {
      ownedList.add(ownedCrd(crd));
    }

    ObjectNode install = spec.putObject("install");
    install.put("strategy", "deployment");
    ObjectNode installSpec = install.putObject("spec");
    ArrayNode clusterPermissions = installSpec.putArray("clusterPermissions");
    ObjectNode cluster = clusterPermissions.addObject();
    cluster.put("serviceAccountName", account);
    ArrayNode clusterRules = cluster.putArray("rules");
    ArrayNode permissions = installSpec.putArray("permissions");
    ObjectNode own = permissions.addObject();
    own.put("serviceAccountName", account);
    ArrayNode ownRules = own.putArray("rules");
    for (ObjectNode o : operator) {
      switch (o.path("kind").asText()) {
        case "ClusterRole" -> o.get("rules").forEach(clusterRules::add);
        // Roles of the operator's own namespace (leader election, the fingerprint key): OLM creates them there
        case "Role" -> o.get("rules").forEach(ownRules::add);
        default -> { }
      }
    }
    ObjectNode d = installSpec.putArray("deployments").addObject();
    d.put("name", deployment.at("/metadata/name").asText());
    d.set("label", deployment.at("/metadata/labels"));
    ObjectNode deploymentSpec = deployment.get("spec").deepCopy();
    d.set("spec", deploymentSpec);
    adaptEnvironment((ArrayNode) deploymentSpec.at("/template/spec/containers/0/env"));

    spec.putArray("relatedImages").addObject().put("name", "operator").put("image", image);
    return csv;
  }

  /**
   * The Deployment's environment under OLM: WATCH_NAMESPACES from the target namespaces OLM writes on the pod (empty
   * for AllNamespaces), and the default org's keys optional (a Secret datadog-credentials in the operator's
   * namespace, or credentials resources only).
   */
  private static void adaptEnvironment(ArrayNode env) {
    for (JsonNode e : env) {
      ObjectNode var = (ObjectNode) e;
      String name = var.path("name").asText();
      if (name.equals("WATCH_NAMESPACES")) {
        var.remove("value");
        var.putObject("valueFrom").putObject("fieldRef")
            .put("fieldPath", "metadata.annotations['olm.targetNamespaces']");
      }
      if ((name.equals("DD_API_KEY") || name.equals("DD_APP_KEY")) && var.at("/valueFrom/secretKeyRef").isObject()) {
        ((ObjectNode) var.at("/valueFrom/secretKeyRef")).put("optional", true);
      }
    }
  }

  private static ObjectNode ownedCrd(ObjectNode crd) {
    ObjectNode version = null;
    for (JsonNode v : crd.at("/spec/versions")) {
      if (v.path("storage").asBoolean()) {
        version = (ObjectNode) v;
      }
    }
    String kind = crd.at("/spec/names/kind").asText();
    ObjectNode owned = JSON.createObjectNode();
    owned.put("name", crd.at("/metadata/name").asText());
    owned.put("version", version.path("name").asText());
    owned.put("kind", kind);
    owned.put("displayName", words(kind));
    JsonNode schema = version.at("/schema/openAPIV3Schema");
    owned.put("description", firstSentence(schema.path("description").asText(words(kind))));
    ArrayNode resources = owned.putArray("resources");
    resources.addObject().put("kind", "Secret").put("name", "").put("version", "v1");
    ArrayNode specDescriptors = owned.putArray("specDescriptors");
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.at("/properties/spec/properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      ObjectNode descriptor = descriptor(p.getKey(), p.getValue());
      ArrayNode x = descriptor.putArray("x-descriptors");
      JsonNode type = p.getValue().path("type");
      if (p.getValue().has("enum")) {
        p.getValue().get("enum").forEach(v -> x.add("urn:alm:descriptor:com.tectonic.ui:select:" + v.asText()));
      } else if (type.asText().equals("boolean")) {
        x.add("urn:alm:descriptor:com.tectonic.ui:booleanSwitch");
      } else if (type.asText().equals("string")) {
        x.add("urn:alm:descriptor:com.tectonic.ui:text");
      } else {
        x.add("urn:alm:descriptor:com.tectonic.ui:advanced");
      }
      specDescriptors.add(descriptor);
    }
    ArrayNode statusDescriptors = owned.putArray("statusDescriptors");
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.at("/properties/status/properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      ObjectNode descriptor = descriptor(p.getKey(), p.getValue());
      ArrayNode x = descriptor.putArray("x-descriptors");
      if (p.getKey().equals("conditions")) {
        x.add("urn:alm:descriptor:io.kubernetes.conditions");
      } else if (p.getValue().path("type").asText().equals("string")
          || p.getValue().path("type").asText().equals("integer")) {
        x.add("urn:alm:descriptor:text");
      } else {
        x.add("urn:alm:descriptor:com.tectonic.ui:advanced");
      }
      statusDescriptors.add(descriptor);
    }
    return owned;
  }

  private static ObjectNode descriptor(String path, JsonNode property) {
    ObjectNode d = JSON.createObjectNode();
    d.put("path", path);
    d.put("displayName", words(path));
    d.put("description", firstSentence(property.path("description").asText(words(path))));
    return d;
  }

  /** The examples a console offers when a user creates each kind: deploy/examples without their namespace. */
  private String almExamples() {
    ArrayNode examples = JSON.createArrayNode();
    for (ObjectNode o : load(root.resolve("deploy/examples"))) {
      if (o.path("apiVersion").asText().startsWith(GROUP + "/")) {
        ObjectNode copy = o.deepCopy();
        ((ObjectNode) copy.get("metadata")).remove("namespace");
        examples.add(copy);
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(examples);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String description() {
    return String.join("\n", List.of(
        "Declare Datadog webhook notification channels (`DatadogWebhook`) and webhook custom variables",
        "(`DatadogCustomVariable`) as Kubernetes resources, next to the apps that use them. The operator creates,",
        "updates, renames and deletes them in Datadog through the Webhooks Integration API, reads secret values",
        "(webhook URLs with tokens, header values, secret variables) from Kubernetes Secrets, corrects drift, and",
        "reports a `Ready` condition with a machine-readable reason, plus kstatus's `Stalled` and `Reconciling`.",
        "",
        "Datadog orgs: a default org from the Secret `datadog-credentials` (keys `api-key` and `app-key`) in the",
        "operator's namespace, and any number of orgs through `DatadogCredentials` (per namespace) and",
        "`ClusterDatadogCredentials` (cluster-wide, with a namespace selector). Without that Secret there is no",
        "default org and every resource names its credentials.",
        "",
        "Install modes: every mode; the operator watches the target namespaces OLM gives it (all of them for",
        "AllNamespaces)."));
  }

  private static ObjectNode annotations() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode a = root.putObject("annotations");
    a.put("operators.operatorframework.io.bundle.mediatype.v1", "registry+v1");
    a.put("operators.operatorframework.io.bundle.manifests.v1", "manifests/");
    a.put("operators.operatorframework.io.bundle.metadata.v1", "metadata/");
    a.put("operators.operatorframework.io.bundle.package.v1", PACKAGE);
    a.put("operators.operatorframework.io.bundle.channels.v1", CHANNEL);
    a.put("operators.operatorframework.io.bundle.channel.default.v1", CHANNEL);
    a.put("operators.operatorframework.io.test.mediatype.v1", "scorecard+v1");
    a.put("operators.operatorframework.io.test.config.v1", "tests/scorecard/");
    return root;
  }

  private static ObjectNode scorecard() {
    ObjectNode c = JSON.createObjectNode();
    c.put("apiVersion", "scorecard.operatorframework.io/v1alpha3");
    c.put("kind", "Configuration");
    c.putObject("metadata").put("name", "config");
    ObjectNode stage = c.putArray("stages").addObject();
    stage.put("parallel", true);
    ArrayNode tests = stage.putArray("tests");
    List<String[]> all = List.of(new String[] {"basic-check-spec", "basic"},
        new String[] {"olm-bundle-validation", "olm"}, new String[] {"olm-crds-have-validation", "olm"},
        new String[] {"olm-crds-have-resources", "olm"}, new String[] {"olm-spec-descriptors", "olm"},
        new String[] {"olm-status-descriptors", "olm"});
    for (String[] t : all) {
      ObjectNode test = tests.addObject();
      test.putArray("entrypoint").add("scorecard-test").add(t[0]);
      test.put("image", SCORECARD_IMAGE);
      test.putObject("labels").put("suite", t[1]).put("test", t[0] + "-test");
    }
    return c;
  }

  private static String dockerfile() {
    StringBuilder b = new StringBuilder("# The bundle image: docker build -f bundle/bundle.Dockerfile -t <registry>/"
        + PACKAGE + "-bundle:v" + VERSION + " bundle\n");
    b.append("FROM scratch\n");
    annotations().get("annotations").fields().forEachRemaining(e ->
        b.append("LABEL ").append(e.getKey()).append('=').append(e.getValue().asText()).append('\n'));
    b.append("COPY manifests /manifests/\nCOPY metadata /metadata/\nCOPY tests/scorecard /tests/scorecard/\n");
    return b.toString();
  }

  private static ObjectNode only(List<ObjectNode> objects, String kind) {
    List<ObjectNode> found = objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    if (found.size() != 1) {
      throw new IllegalStateException("expected one " + kind + " in deploy/operator, found " + found.size());
    }
    return found.get(0);
  }

  /** The YAML documents of the .yaml and .yml files of {@code dir}, in file-name order. */
  private static List<ObjectNode> load(Path dir) {
    List<ObjectNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
          .toList()) {
        try (var parser = YAML.getFactory().createParser(f.toFile())) {
          Iterator<ObjectNode> docs = YAML.readValues(parser, ObjectNode.class);
          while (docs.hasNext()) {
            ObjectNode doc = docs.next();
            if (doc != null && doc.has("kind")) {
              out.add(doc);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String yaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "remoteName" -> "Remote Name", "DatadogWebhook" -> "Datadog Webhook". */
  static String words(String name) {
    String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2");
    return spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
  }

  /** The first sentence of a schema description, for a console's one-line help. */
  static String firstSentence(String text) {
    String t = text.replaceAll("\\s+", " ").trim();
    int end = t.indexOf(". ");
    return end < 0 ? t : t.substring(0, end + 1);
  }
}
