package io.ddwebhooks.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ddwebhooks.operator.ExportCommandAccess;
import io.ddwebhooks.operator.config.AdoptionScope;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.ddwebhooks.operator.testing.RealKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Migration: objects made in Datadog (the UI, Terraform) are exported, the output is applied to a real API server
 * with the operator running and adoption allowed, and everything converges with no Datadog write (the export is
 * exact); a secret variable waits without a write until its key is filled, then costs one write. No credential-like
 * value reaches standard output or the operator's logs.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ExportIT {

  private static final String NS = "migrated";
  private static final String URL_TOKEN = "https://hooks.example.com/services/T01ABCDEF/B02GHIJKL/xoxbSecretToken12345";
  private static final String AUTH = "Bearer migrate-LEAK-header-42";
  private static final String API_KEY_HEADER = "migrate-LEAK-apikey-43";
  private static final List<String> SECRETS = List.of(URL_TOKEN, AUTH, API_KEY_HEADER, "hunter2-variable-LEAK");

  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private static RealKubernetes k8s;
  private static OperatorHarness h;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    k8s = RealKubernetes.start();
    k8s.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    h = OperatorHarness.startOn(k8s, c -> c.withAdoption(AdoptionScope.parse(NS)));
  }

  @AfterAll
  static void stop() {
    h.close();
    k8s.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
  }

  @Test
  void anExportAppliedAsItIsAdoptsEverythingWithNoWrite() throws Exception {
    // what a team made in Datadog before the operator
    h.datadog.putWebhookOutOfBand("Team_Alerts", URL_TOKEN);
    h.datadog.editWebhookOutOfBand("Team_Alerts", "payload", "{\"text\": \"$EVENT_TITLE\", \"tags\": \"$TAGS\"}");
    h.datadog.editWebhookOutOfBand("Team_Alerts", "custom_headers",
        "{\"Authorization\": \"" + AUTH + "\", \"X-Team\": \"payments\"}");
    h.datadog.putWebhookOutOfBand("plain-hook", "https://ops.example.com/notify");
    h.datadog.editWebhookOutOfBand("plain-hook", "encode_as", "form");
    h.datadog.editWebhookOutOfBand("plain-hook", "custom_headers", "{\"X-Vendor-Key\": \"" + API_KEY_HEADER + "\"}");
    h.datadog.putWebhookOutOfBand("broken-payload", "https://ops.example.com/b");
    h.datadog.editWebhookOutOfBand("broken-payload", "payload", "text=$EVENT_TITLE");
    h.datadog.putVariableOutOfBand("TEAM_CHANNEL", "#payments", false);
    h.datadog.putVariableOutOfBand("PAGER_KEY", "hunter2-variable-LEAK", true);

    Path secrets = tmp.resolve("secrets.yaml");
    ExportCommandAccess.Output export = ExportCommandAccess.run(Map.of("DD_URL", h.datadog.baseUrl().toString(),
        "DD_API_KEY", OperatorHarness.API_KEY, "DD_APP_KEY", OperatorHarness.APP_KEY),
        "--webhook", "Team_Alerts,plain-hook,broken-payload", "--variable", "TEAM_CHANNEL", "--variable",
        "PAGER_KEY", "--namespace", NS, "--secrets-out", secrets.toString());
    // the operator's logs from here on, at the most detailed level (the export switched logging off for itself)
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.DEBUG);
    LOGS.start();
    root.addAppender(LOGS);

    assertThat(export.exit()).as(export.err()).isEqualTo(1);
    assertThat(export.err()).contains("not exported: webhook 'broken-payload'", "PAGER_KEY");
    assertThat(export.out()).contains("name: \"team-alerts\"", "name: \"Team_Alerts\"", "ddwebhooks.io/adopt",
        "isSecret: true", "isSecret: false", "encodeAs: \"form\"").doesNotContain("broken-payload");
    for (String secret : SECRETS) {
      assertThat(export.out()).as("stdout").doesNotContain(secret);
      assertThat(export.err()).as("stderr").doesNotContain(secret);
    }
    assertThat(Files.getPosixFilePermissions(secrets)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(secrets)).contains(URL_TOKEN, AUTH, API_KEY_HEADER)
        .doesNotContain("hunter2-variable-LEAK");

    int writesBefore = h.datadog.writes().size();
    h.client.load(new ByteArrayInputStream(Files.readAllBytes(secrets))).create();
    h.client.load(new ByteArrayInputStream(export.out().getBytes(StandardCharsets.UTF_8))).create();
    h.awaitSynced(DatadogWebhook.class, NS, "team-alerts");
    h.awaitSynced(DatadogWebhook.class, NS, "plain-hook");
    h.awaitSynced(DatadogCustomVariable.class, NS, "team-channel");
    h.awaitReason(DatadogCustomVariable.class, NS, "pager-key", Reason.SecretNotFound);
    assertThat(h.datadog.writes()).as("the export is exact: adopting it writes nothing").hasSize(writesBefore);

    // the one value Datadog cannot return: filled by the user, then written once
    h.client.secrets().inNamespace(NS).withName("datadog-webhooks-export").edit(s -> {
      s.getData().put("pager-key", Base64.getEncoder().encodeToString("hunter2-variable-LEAK"
          .getBytes(StandardCharsets.UTF_8)));
      return s;
    });
    h.awaitSynced(DatadogCustomVariable.class, NS, "pager-key");
    List<RecordedCall> writes = h.datadog.writes().subList(writesBefore, h.datadog.writes().size());
    assertThat(writes).singleElement().satisfies(w -> assertThat(w.path()).endsWith("/PAGER_KEY"));
    List<ILoggingEvent> logged;
    synchronized (LOGS) {
      logged = new java.util.ArrayList<>(LOGS.list);
    }
    assertThat(logged).as("the operator logged while it adopted").isNotEmpty();
    for (String secret : SECRETS) {
      assertThat(logged).as("operator logs").noneMatch(e -> e.getFormattedMessage().contains(secret));
    }
    Secret stored = h.client.secrets().inNamespace(NS).withName("datadog-webhooks-export").get();
    assertThat(stored.getData()).containsKeys("team-alerts-url", "team-alerts-header-authorization",
        "plain-hook-header-x-vendor-key");
  }
}
