package io.ddwebhooks.operator.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.Fault;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 4, unit = TimeUnit.MINUTES)
class HttpWebhooksIntegrationApiIT {

  private static DatadogEmulator emulator;
  private static HttpWebhooksIntegrationApi api;

  @BeforeAll
  static void start() throws Exception {
    emulator = new DatadogEmulator(0, "api-key-abcdef", "app-key-ghijkl");
    api = new HttpWebhooksIntegrationApi(emulator.baseUrl(), "api-key-abcdef", "app-key-ghijkl",
        Duration.ofSeconds(5), "test");
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void reset() {
    emulator.reset();
  }

  /** A call interrupted by a stopping operator is not a Datadog outage: STOPPING, and the interrupt stays set. */
  @Test
  void anInterruptedCallSaysTheOperatorIsStopping() {
    Thread.currentThread().interrupt();
    try {
      DatadogApiException e = catchThrowableOfType(DatadogApiException.class, () -> api.getWebhook("any"));
      assertThat(e.status()).isEqualTo(DatadogApiException.STOPPING);
      assertThat(e.verdict(Operation.GET)).isEqualTo(Verdict.STOPPING);
      assertThat(Verdict.certainlyNotApplied(e)).as("a write may have been carried out").isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void webhookRoundTripIncludingRename() {
    Webhook created = api.createWebhook(new Webhook("hook-1", "https://a.example.com", Webhook.DEFAULT_PAYLOAD,
        "{\"X-A\":\"1\"}", "form"));
    assertThat(created).isEqualTo(new Webhook("hook-1", "https://a.example.com", Webhook.DEFAULT_PAYLOAD,
        "{\"X-A\":\"1\"}", "form"));
    assertThat(api.getWebhook("hook-1")).contains(created);

    Webhook renamed = api.updateWebhook("hook-1", created.withName("hook-2"));
    assertThat(renamed.name()).isEqualTo("hook-2");
    assertThat(api.getWebhook("hook-1")).isEmpty();
    assertThat(emulator.calls().get(emulator.calls().size() - 2).path()).endsWith("/webhooks/hook-1");

    Webhook cleared = api.updateWebhook("hook-2", new Webhook("hook-2", "https://a.example.com",
        Webhook.DEFAULT_PAYLOAD, null, "json"));
    assertThat(cleared.customHeaders()).isNull();

    assertThat(api.deleteWebhook("hook-2")).isTrue();
    assertThat(api.deleteWebhook("hook-2")).as("already gone").isFalse();
  }

  @Test
  void theFullBodyIsAlwaysSent() {
    api.createWebhook(new Webhook("full", "https://a.example.com", Webhook.DEFAULT_PAYLOAD, null, "json"));
    api.updateWebhook("full", new Webhook("full", "https://b.example.com", "{}", null, "json"));
    String body = emulator.writes().get(1).requestBody();
    assertThat(body).contains("\"name\":\"full\"", "\"url\":", "\"payload\":", "\"custom_headers\":null",
        "\"encode_as\":\"json\"");
  }

  @Test
  void legacyNotFoundOnDeleteIsAlsoGone() {
    emulator.setLegacyNotFound(true);
    assertThat(api.deleteWebhook("never")).isFalse();
    assertThat(api.deleteCustomVariable("NEVER")).isFalse();
    assertThat(emulator.calls()).allMatch(c -> c.status() == 400);
  }

  @Test
  void secretVariableValueIsNeverReturned() {
    CustomVariable created = api.createCustomVariable(new CustomVariable("TOKEN", "s3cret-value", true));
    assertThat(created.value()).isNull();
    assertThat(api.getCustomVariable("TOKEN")).contains(new CustomVariable("TOKEN", null, true));
    CustomVariable renamed = api.updateCustomVariable("TOKEN", new CustomVariable("TOKEN_2", "v2", false));
    assertThat(renamed).isEqualTo(new CustomVariable("TOKEN_2", "v2", false));
    assertThat(api.getCustomVariable("TOKEN")).isEmpty();
  }

  @Test
  void rateLimitResetIsReadWhateverTheHeaderCase() {
    emulator.failNextCalls(1, new Fault(429, Map.of("x-ratelimit-reset", "13"), "{\"errors\":[\"Too many\"]}", false));
    DatadogApiException e = catchThrowableOfType(DatadogApiException.class, () -> api.getWebhook("x"));
    assertThat(e.verdict(Operation.GET)).isEqualTo(Verdict.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(13));

    emulator.failNextCalls(1, Fault.rateLimited(null));
    DatadogApiException noReset = catchThrowableOfType(DatadogApiException.class, () -> api.getWebhook("x"));
    assertThat(noReset.retryAfter()).isEmpty();
  }

  @Test
  void failuresAreTypedAndCarryNoSecrets() {
    emulator.failNextCalls(1, Fault.droppedConnection());
    DatadogApiException dropped = catchThrowableOfType(DatadogApiException.class,
        () -> api.createCustomVariable(new CustomVariable("PW", "hunter2-secret", true)));
    assertThat(dropped.status()).isEqualTo(DatadogApiException.NETWORK_ERROR);
    assertThat(dropped.verdict(Operation.CREATE)).isEqualTo(Verdict.UNAVAILABLE);

    emulator.failNextCalls(1, Fault.serverError());
    DatadogApiException server = catchThrowableOfType(DatadogApiException.class,
        () -> api.createCustomVariable(new CustomVariable("PW", "hunter2-secret", true)));
    assertThat(server.status()).isEqualTo(500);

    HttpWebhooksIntegrationApi wrongKeys = new HttpWebhooksIntegrationApi(emulator.baseUrl(), "bad-api-key-zz",
        "bad-app-key-yy", Duration.ofSeconds(5), "test");
    DatadogApiException auth = catchThrowableOfType(DatadogApiException.class,
        () -> wrongKeys.createCustomVariable(new CustomVariable("PW", "hunter2-secret", true)));
    assertThat(auth.verdict(Operation.CREATE)).isEqualTo(Verdict.AUTH_FAILED);
    assertThat(auth.getMessage()).isEqualTo("POST custom variable 'PW': Datadog answered 403: Forbidden");

    for (DatadogApiException e : new DatadogApiException[] {dropped, server, auth}) {
      assertThat(e.getMessage()).doesNotContain("hunter2-secret").doesNotContain("bad-api-key-zz")
          .doesNotContain("bad-app-key-yy").doesNotContain("api-key-abcdef");
    }
  }

  @Test
  void namesAreEscapedInPaths() {
    assertThat(HttpWebhooksIntegrationApi.escape("a b/c")).isEqualTo("a%20b%2Fc");
  }

  @Test
  void anOversizedAnswerIsNotRead() {
    emulator.failNextCalls(1, new Fault(500, java.util.Map.of(), "{\"errors\":[\"" + "x".repeat(2 << 20) + "\"]}",
        false));
    DatadogApiException e = catchThrowableOfType(DatadogApiException.class, () -> api.getWebhook("big"));
    assertThat(e.status()).isEqualTo(DatadogApiException.NETWORK_ERROR);
    assertThat(e.getMessage()).contains("larger than 1024 KiB").hasSizeLessThan(200);
  }
}
