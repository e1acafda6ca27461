package io.ddwebhooks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's first command: every example in deploy/examples converges, and deletion cleans Datadog up. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SandboxIT {

  @Test
  void everyExampleConvergesAndIsCleanedUp() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = new Sandbox(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(Path.of("deploy/examples"),
        false);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(out).isZero();
    assertThat(out)
        .contains("Applying 8 example files")
        .contains("DatadogWebhook default/checkout-chatops  Ready=True Synced")
        .contains("DatadogWebhook default/checkout-pager  Ready=True Synced")
        .contains("DatadogCustomVariable default/checkout-environment  Ready=True Synced")
        .contains("DatadogCustomVariable default/checkout-signing-key  Ready=True Synced")
        .contains("webhook checkout-pager  url=https://events.pager.example.com/...")
        .contains("custom variable CHECKOUT_SIGNING_KEY  is_secret=true  value=(hidden")
        .contains("What a receiver would get if a monitor alert fired webhook checkout-pager")
        .contains("\"summary\": \"[Triggered] Load is high\"", "\"environment\": \"production\"",
            "\"signature\": \"(secret $CHECKOUT_SIGNING_KEY)\"")
        .contains("DatadogWebhook default/staging-alerts  Ready=True Synced")
        .contains("in the org 'staging' (DatadogCredentials default/sandbox-staging):\n"
            + "  webhook staging-alerts  url=https://staging-chatops.example.com/...")
        .contains("DatadogWebhookAuthMethod default/servicenow  Ready=True Synced")
        .contains("auth method servicenow-oauth  id=")
        .contains("client_secret=(hidden: Datadog never returns it)")
        .doesNotContain("example-client-secret")
        .contains("Datadog now holds 0 webhooks, 0 custom variables and 0 auth methods.")
        .contains("Done: 6 resources converged and were cleaned up.")
        .doesNotContain("example-routing-key", "example-not-a-real-token", "example-signing-key");
  }

  @Test
  void examplesAreAlsoInsideTheJar() throws Exception {
    assertThat(Sandbox.examples(null)).containsKeys("00-secret.yaml", "10-datadogwebhook-basic.yaml");
  }

  @Test
  void urlsAreMaskedBeyondTheHost() {
    assertThat(Sandbox.maskUrl("https://h.example.com/T0KEN?x=1")).isEqualTo("https://h.example.com/...");
    assertThat(Sandbox.maskUrl("http://h.example.com:8080")).isEqualTo("http://h.example.com:8080");
  }
}
