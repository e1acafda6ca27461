package io.ddwebhooks.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  private static final Map<String, String> KEYS = Map.of("DD_API_KEY", "api-secret-1", "DD_APP_KEY", "app-secret-2");

  @Test
  void oneKeyWithoutTheOtherIsAClearErrorAndNeitherMeansNoDefaultOrg() {
    assertThat(OperatorConfig.fromEnvironment(Map.of()).hasEnvironmentKeys()).isFalse();
    assertThat(OperatorConfig.fromEnvironment(Map.of()).toString()).contains("defaultOrg=none");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("DD_API_KEY", "k")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("DD_API_KEY and DD_APP_KEY")
        .hasMessageContaining("missing: DD_APP_KEY").hasMessageNotContaining("k\"");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("DD_API_KEY", "a", "DD_APP_KEY", "b",
        "DEFAULT_CREDENTIALS", "prod"))).hasMessageContaining("not both");
    OperatorConfig byCredentials = OperatorConfig.fromEnvironment(Map.of("DEFAULT_CREDENTIALS", "prod",
        "CREDENTIALS_URL_ALLOWLIST", "https://proxy.internal/, http://emulator.test:8089"));
    assertThat(byCredentials.defaultCredentials()).isEqualTo("prod");
    assertThat(byCredentials.credentialsUrlAllowlist())
        .containsExactly("https://proxy.internal/", "http://emulator.test:8089");
  }

  @Test
  void defaults() {
    OperatorConfig c = OperatorConfig.fromEnvironment(KEYS);
    assertThat(c.datadogBaseUrl()).isEqualTo(URI.create("https://api.datadoghq.com"));
    assertThat(c.watchesAllNamespaces()).isTrue();
    assertThat(c.resyncInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.logLevel()).isEqualTo("INFO");
    assertThat(c.toString()).doesNotContain("api-secret-1").doesNotContain("app-secret-2");
  }

  @Test
  void sitesAndUrlOverride() {
    for (String site : DatadogSite.SITES) {
      assertThat(DatadogSite.apiBaseUrl(site)).isEqualTo(URI.create("https://api." + site));
    }
    assertThatThrownBy(() -> DatadogSite.apiBaseUrl("datadoghq.con")).hasMessageContaining("not a Datadog site");
    OperatorConfig eu = OperatorConfig.fromEnvironment(merge("DD_SITE", "datadoghq.eu"));
    assertThat(eu.datadogBaseUrl()).isEqualTo(URI.create("https://api.datadoghq.eu"));
    OperatorConfig proxy = OperatorConfig.fromEnvironment(merge("DD_URL", "http://127.0.0.1:8089"));
    assertThat(proxy.datadogBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:8089"));
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(merge("DD_URL", "ftp://x"))).hasMessageContaining("DD_URL");
  }

  @Test
  void namespacesAndDurations() {
    OperatorConfig c = OperatorConfig.fromEnvironment(merge("WATCH_NAMESPACES", " a, b ,,"));
    assertThat(c.namespaces()).isEqualTo(Set.of("a", "b"));
    assertThat(OperatorConfig.parseDuration("x", "30s", null)).isEqualTo(Duration.ofSeconds(30));
    assertThat(OperatorConfig.parseDuration("x", "2h", null)).isEqualTo(Duration.ofHours(2));
    assertThat(OperatorConfig.parseDuration("x", "PT5M", null)).isEqualTo(Duration.ofMinutes(5));
    assertThat(OperatorConfig.parseDuration("x", "250ms", null)).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> OperatorConfig.parseDuration("RESYNC_INTERVAL", "soon", null))
        .hasMessageContaining("RESYNC_INTERVAL 'soon' is not a duration");
    assertThatThrownBy(() -> OperatorConfig.parseDuration("RESYNC_INTERVAL", "0s", null))
        .hasMessageContaining("must be positive");
  }

  @Test
  void templateRulesDefaultToConfiningSecretVariablesAndWarning() {
    assertThat(OperatorConfig.fromEnvironment(KEYS).templateRules()).isEqualTo(TemplateRules.DEFAULT);
    assertThat(TemplateRules.DEFAULT.access()).isEqualTo(TemplateRules.Access.SECRET_NAMESPACE);
    assertThat(TemplateRules.DEFAULT.refuseUnknown()).isFalse();
    TemplateRules strict = OperatorConfig.fromEnvironment(merge("VARIABLE_ACCESS", " Namespace ")).templateRules();
    assertThat(strict.access()).isEqualTo(TemplateRules.Access.NAMESPACE);
    assertThat(OperatorConfig.fromEnvironment(merge("VARIABLE_ACCESS", "off")).templateRules().access())
        .isEqualTo(TemplateRules.Access.OFF);
    assertThat(OperatorConfig.fromEnvironment(merge("UNKNOWN_VARIABLES", "refuse")).templateRules().refuseUnknown())
        .isTrue();
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(merge("VARIABLE_ACCESS", "everyone")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("secret-namespace, namespace or off");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(merge("UNKNOWN_VARIABLES", "ignore")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("warn or refuse");
  }

  @Test
  void leaderElectionIsOffUnlessAskedFor() {
    assertThat(OperatorConfig.fromEnvironment(KEYS).leaderElection()).isNull();
    Map<String, String> env = new java.util.HashMap<>(KEYS);
    env.put("LEADER_ELECTION", "true");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(env)).hasMessageContaining("POD_NAMESPACE");
    env.put("POD_NAMESPACE", "ops");
    env.put("POD_NAME", "op-1");
    LeaderElection election = OperatorConfig.fromEnvironment(env).leaderElection();
    assertThat(election.namespace()).isEqualTo("ops");
    assertThat(election.identity()).isEqualTo("op-1");
    assertThat(election.leaseName()).isEqualTo("datadog-webhooks-operator");
    assertThat(election.exitOnLoss()).isTrue();
  }

  private static Map<String, String> merge(String k, String v) {
    Map<String, String> m = new java.util.HashMap<>(KEYS);
    m.put(k, v);
    return m;
  }

  @Test
  void credentialsInDdUrlAreNeverPrintedAndNeverSentInClearText() {
    OperatorConfig c = OperatorConfig.fromEnvironment(Map.of("DD_API_KEY", "a", "DD_APP_KEY", "b",
        "DD_URL", "https://user:s3cret-pw@proxy.example.com/dd"));
    assertThat(c.toString()).doesNotContain("s3cret-pw").doesNotContain("user:").contains("https://***@proxy");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("DD_API_KEY", "a", "DD_APP_KEY", "b",
        "DD_URL", "http://user:s3cret-pw@proxy.example.com")))
        .hasMessageContaining("plain http").hasMessageNotContaining("s3cret-pw");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("DD_API_KEY", "a", "DD_APP_KEY", "b",
        "DD_URL", "ftp://user:s3cret-pw@x"))).hasMessageNotContaining("s3cret-pw");
    assertThat(OperatorConfig.fromEnvironment(Map.of("DD_API_KEY", "a", "DD_APP_KEY", "b",
        "DD_URL", "http://emulator.test.svc:8089")).datadogBaseUrl()).hasHost("emulator.test.svc");
  }
}
