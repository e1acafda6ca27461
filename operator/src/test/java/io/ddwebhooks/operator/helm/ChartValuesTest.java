package io.ddwebhooks.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart checks its values (values.schema.json, with real Helm), documents every one of them in docs/helm-values.md,
 * and renders its optional objects (PodDisruptionBudget, NetworkPolicy, monitoring) only when asked.
 */
class ChartValuesTest {

  private static final Path CHART = HelmChartTest.OPERATOR_CHART;
  /** The page with the chart's values table (tests run in the repository's root folder). */
  static final Path VALUES_PAGE = Path.of("docs/helm-values.md");

  private static Map<String, JsonNode> render(String... sets) throws Exception {
    var template = new Helm(CHART).template().withName("dwo").withNamespace("ops");
    for (int i = 0; i < sets.length; i += 2) {
      template.set(sets[i], sets[i + 1]);
    }
    return Manifests.parse(template.call());
  }

  @Test
  void helmRefusesValuesOutsideTheSchema() {
    String[][] invalid = {
        {"watchNamespace[0]", "team-a"},
        {"datadog.site", "datadoghq.org"},
        {"rbac.scope", "everything"},
        {"logFormat", "xml"},
        {"logLevel", "LOUD"},
        {"replicas", "0"},
        {"datadog.defaultOrg", "mine"},
        {"metrics.serviceMonitor.enabled", "yes"},
        {"networkPolicy.datadog.ports[0]", "https"},
    };
    for (String[] set : invalid) {
      assertThatThrownBy(() -> render(set[0], set[1])).as(set[0] + "=" + set[1])
          .hasMessageContaining("values don't meet the specifications of the schema");
    }
  }

  @Test
  void theChartWorksAsASubchart() throws Exception {
    assertThat(render("global.imageRegistry", "registry.example.com")).isNotEmpty();
  }

  @Test
  void everyValueIsInTheSchemaAndInTheDocumentedTable() throws Exception {
    JsonNode schema = new ObjectMapper().readTree(CHART.resolve("values.schema.json").toFile());
    Set<String> schemaLeaves = new TreeSet<>();
    leaves(schema, "", schemaLeaves);
    schemaLeaves.remove("global");

    Set<String> valueLeaves = new TreeSet<>();
    values(new YAMLMapper().readTree(CHART.resolve("values.yaml").toFile()), "", valueLeaves);
    assertThat(schemaLeaves).as("every value in values.yaml has a schema").containsAll(valueLeaves);
    assertThat(valueLeaves).as("every schema entry has a default in values.yaml").containsAll(schemaLeaves);

    String page = Files.readString(VALUES_PAGE);
    int start = page.indexOf("| Value | Default | Meaning |");
    assertThat(start).as(VALUES_PAGE + " has the values table (header | Value | Default | Meaning |)").isNotNegative();
    String table = page.substring(start);
    int end = table.indexOf("\n\n");
    table = end < 0 ? table : table.substring(0, end);
    Set<String> documented = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(table);
    while (row.find()) {
      documented.add(row.group(1));
    }
    assertThat(documented).as("the values table of " + VALUES_PAGE + " is the schema's").isEqualTo(schemaLeaves);
  }

  /** Paths of schema properties that are not objects with properties of their own. */
  private static void leaves(JsonNode schema, String prefix, Set<String> out) {
    JsonNode props = schema.get("properties");
    if (props == null) {
      out.add(prefix);
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      leaves(p.getValue(), prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey(), out);
    }
  }

  /** Paths of values.yaml; a map the schema leaves open (resources, affinity, ...) counts as one value. */
  private static void values(JsonNode node, String prefix, Set<String> out) {
    if (!node.isObject() || node.isEmpty() || Set.of("resources", "podSecurityContext", "securityContext",
        "datadog.clusterCredentials.namespaceSelector").contains(prefix)) {
      out.add(prefix);
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      values(p.getValue(), prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey(), out);
    }
  }

  @Test
  void aPodDisruptionBudgetComesWithMoreThanOneReplica() throws Exception {
    assertThat(render().keySet()).noneMatch(k -> k.startsWith("PodDisruptionBudget/"));
    JsonNode pdb = render("replicas", "2").get("PodDisruptionBudget/ops/dwo-datadog-webhooks-operator");
    assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    assertThat(pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1instance").asText()).isEqualTo("dwo");
  }

  @Test
  void theNetworkPolicyAllowsDnsTheApiServerDatadogAndScrapesOnly() throws Exception {
    assertThat(render().keySet()).noneMatch(k -> k.startsWith("NetworkPolicy/"));
    JsonNode policy = render("networkPolicy.enabled", "true", "networkPolicy.apiServer.cidrs[0]", "10.0.0.1/32",
        "networkPolicy.datadog.cidrs[0]", "3.233.144.0/20").get("NetworkPolicy/ops/dwo-datadog-webhooks-operator");
    assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
    assertThat(policy.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(8080);
    String egress = policy.at("/spec/egress").toString();
    assertThat(egress).contains("\"port\":53", "10.0.0.1/32", "\"port\":6443", "3.233.144.0/20", "\"port\":443");
  }

  @Test
  void monitoringObjectsAreRenderedOnlyWhenEnabled() throws Exception {
    assertThat(render().keySet()).noneMatch(k -> k.startsWith("ServiceMonitor/") || k.startsWith("PodMonitor/")
        || k.startsWith("PrometheusRule/") || k.startsWith("ConfigMap/"));
    Map<String, JsonNode> on = render("metrics.serviceMonitor.enabled", "true", "metrics.podMonitor.enabled",
        "true", "metrics.prometheusRule.enabled", "true", "metrics.grafanaDashboard.enabled", "true",
        "metrics.serviceMonitor.labels.release", "kube-prometheus");
    JsonNode monitor = on.get("ServiceMonitor/ops/dwo-datadog-webhooks-operator");
    assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus");
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
    assertThat(on.get("PodMonitor/ops/dwo-datadog-webhooks-operator").at("/spec/podMetricsEndpoints/0/path")
        .asText()).isEqualTo("/metrics");
    JsonNode rules = on.get("PrometheusRule/ops/dwo-datadog-webhooks-operator").at("/spec/groups/0/rules");
    assertThat(rules).hasSizeGreaterThanOrEqualTo(7);
    assertThat(rules.findValuesAsText("alert")).contains("DatadogWebhooksResourcesNotReady",
        "DatadogWebhooksAuthFailures", "DatadogWebhooksRateLimited", "DatadogWebhooksDatadogErrors",
        "DatadogWebhooksWriteQueueGrowing", "DatadogWebhooksDriftSpike", "DatadogWebhooksNoLeader");
    assertThat(rules.get(0).get("for").asText()).isEqualTo("15m");
    JsonNode dashboard = on.get("ConfigMap/ops/dwo-datadog-webhooks-operator-dashboard");
    assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    JsonNode json = new ObjectMapper().readTree(dashboard.at("/data/datadog-webhooks-operator.json").asText());
    assertThat(json.get("panels").size()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void everyAlertAndDashboardQueryIsValidPromql() throws Exception {
    Map<String, JsonNode> on = render("metrics.prometheusRule.enabled", "true", "metrics.grafanaDashboard.enabled",
        "true");
    java.util.List<String> queries = new java.util.ArrayList<>(on.get("PrometheusRule/ops/dwo-datadog-webhooks-operator")
        .at("/spec/groups/0/rules").findValuesAsText("expr"));
    JsonNode dashboard = new ObjectMapper().readTree(on.get("ConfigMap/ops/dwo-datadog-webhooks-operator-dashboard")
        .at("/data/datadog-webhooks-operator.json").asText());
    queries.addAll(dashboard.findValuesAsText("expr"));
    assertThat(queries).hasSizeGreaterThan(10);
    String parser = System.getenv("PROMQL_CHECK");
    if (parser != null && Files.isExecutable(Path.of(parser))) {
      // Prometheus's own parser (.ci/promql-check, built by .ci/run)
      Process p = new ProcessBuilder(parser).redirectErrorStream(true).start();
      try (var in = p.getOutputStream()) {
        in.write(String.join("\n", queries.stream().map(q -> q.replace('\n', ' ')).toList())
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(said).isZero();
      assertThat(said).contains(queries.size() + " expressions parse");
    } else {
      // no parser built here: a structural check (balanced brackets and quotes, known functions)
      for (String q : queries) {
        assertThat(balanced(q)).as(q).isTrue();
        Matcher call = Pattern.compile("([a-z_]+)\\s*\\(").matcher(q);
        while (call.find()) {
          assertThat(call.group(1)).as(q).isIn("sum", "rate", "increase", "deriv", "min_over_time",
              "histogram_quantile", "absent", "by", "without", "and", "or");
        }
      }
    }
  }

  private static boolean balanced(String q) {
    java.util.Deque<Character> open = new java.util.ArrayDeque<>();
    boolean quoted = false;
    for (char c : q.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && "({[".indexOf(c) >= 0) {
        open.push(c);
      } else if (!quoted && ")}]".indexOf(c) >= 0) {
        if (open.isEmpty() || "({[".indexOf(open.pop()) != ")}]".indexOf(c)) {
          return false;
        }
      }
    }
    return open.isEmpty() && !quoted;
  }
}
