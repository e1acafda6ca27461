package io.ddwebhooks.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ddwebhooks.operator.crd.CredentialsStatus;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.status.CredentialsReasons;
import io.ddwebhooks.operator.status.Kstatus;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.CredentialsFixtures;
import io.ddwebhooks.operator.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs each kind's health.lua with a real Lua interpreter against every case of its health_test.yaml, laid out as
 * Argo CD's resource_customizations/<group>/<kind>/ expects.
 */
class ArgoCdHealthCheckTest {

  private static final Path ROOT = Path.of("deploy/argocd/resource_customizations/ddwebhooks.io");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TestFactory
  Stream<DynamicTest> everyTestCaseGivesItsExpectedHealth() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String kind : List.of("DatadogWebhook", "DatadogCustomVariable", "DatadogWebhookAuthMethod", "DatadogCredentials",
        "ClusterDatadogCredentials")) {
      Path dir = ROOT.resolve(kind);
      String script = Files.readString(dir.resolve("health.lua"));
      for (JsonNode test : YAML.readTree(dir.resolve("health_test.yaml").toFile()).get("tests")) {
        String input = test.get("inputPath").asText();
        tests.add(DynamicTest.dynamicTest(kind + " " + input, () -> {
          JsonNode obj = YAML.readTree(dir.resolve(input).toFile());
          Map<String, String> health = run(script, obj);
          assertThat(health.get("status")).isEqualTo(test.at("/healthStatus/status").asText());
          assertThat(health.get("message")).isEqualTo(test.at("/healthStatus/message").asText());
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void theCasesCoverEveryReasonArgoMustKnow() throws IOException {
    Set<String> covered = new TreeSet<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("DatadogWebhook").resolve("testdata"))) {
      for (Path f : files.toList()) {
        YAML.readTree(f.toFile()).at("/status/conditions").forEach(c -> covered.add(c.path("reason").asText()));
      }
    }
    assertThat(covered).contains("Synced", "InvalidSpec", "DatadogRejected", "NameConflict", "SecretNotFound",
        "DatadogAuthFailed", "Paused", "RateLimited", "DatadogUnavailable", "VariableNotAllowed",
        "UnknownVariable");
  }

  /**
   * Argo CD and kstatus (Flux, Helm 4, kpt) agree on every Ready reason of every kind: Healthy where kstatus says
   * Current (Suspended for a pause, Argo's own word for it), Degraded where it says Failed, Progressing where it says
   * InProgress.
   */
  @Test
  void argoCdAgreesWithKstatusOnEveryReason() throws IOException {
    ObjectMapper json = new ObjectMapper();
    String objects = Files.readString(ROOT.resolve("DatadogWebhook/health.lua"));
    String credentials = Files.readString(ROOT.resolve("DatadogCredentials/health.lua"));
    java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
    for (Reason reason : Reason.values()) {
      DatadogWebhook w = Fixtures.webhook("shop", "w", "https://example.com");
      w.getMetadata().setGeneration(1L);
      w.setStatus(new DatadogResourceStatus());
      ReadyCondition.set(w.getStatus(), 1, reason, "because", now);
      String expected = reason == Reason.Paused ? "Suspended" : argo(Kstatus.of(reason.name()));
      assertThat(run(objects, json.valueToTree(w)).get("status")).as(reason.name()).isEqualTo(expected);
    }
    for (String reason : CredentialsReasons.ALL) {
      DatadogCredentials c = CredentialsFixtures.namespaced("ops", "c", "https://api.datadoghq.com", null, "keys");
      c.getMetadata().setGeneration(1L);
      CredentialsStatus status = new CredentialsStatus();
      ReadyCondition.set(status.getConditions(), 1, reason, reason.equals(CredentialsReasons.READY) ? "True"
          : "False", "because", now);
      status.setObservedGeneration(1L);
      c.setStatus(status);
      assertThat(run(credentials, json.valueToTree(c)).get("status")).as(reason).isEqualTo(argo(Kstatus.of(reason)));
    }
  }

  private static String argo(Kstatus.Progress progress) {
    return switch (progress) {
      case CURRENT -> "Healthy";
      case STALLED -> "Degraded";
      case RECONCILING -> "Progressing";
    };
  }

  @Test
  void theDatadogObjectKindsShareOneHealthCheck() throws IOException {
    assertThat(Files.readString(ROOT.resolve("DatadogCustomVariable/health.lua")))
        .isEqualTo(Files.readString(ROOT.resolve("DatadogWebhook/health.lua")));
    assertThat(Files.readString(ROOT.resolve("DatadogWebhookAuthMethod/health.lua")))
        .isEqualTo(Files.readString(ROOT.resolve("DatadogWebhook/health.lua")));
  }

  @Test
  void theCredentialsKindsShareOneHealthCheck() throws IOException {
    assertThat(Files.readString(ROOT.resolve("ClusterDatadogCredentials/health.lua")))
        .isEqualTo(Files.readString(ROOT.resolve("DatadogCredentials/health.lua")));
  }

  static Map<String, String> run(String script, JsonNode obj) {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(obj));
    LuaValue hs = globals.load(script, "health.lua").call();
    return Map.of("status", hs.get("status").tojstring(), "message", hs.get("message").tojstring());
  }

  /** JSON (from YAML) to Lua values, as Argo CD hands the live object to the script. */
  static LuaValue lua(JsonNode node) {
    if (node == null || node.isNull()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        table.set(e.getKey(), lua(e.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, lua(node.get(i)));
      }
      return table;
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf(node.asLong());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    return LuaValue.valueOf(node.asText());
  }
}
