package io.ddwebhooks.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.config.RetryPolicy;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.datadog.DatadogApiException;
import io.ddwebhooks.operator.status.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

  private static final RetryPolicy POLICY =
      new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(5));

  @Test
  void fingerprintIsSaltedAndStableForOneResource() throws Exception {
    String first = Fingerprint.of("{\"value\":\"hunter2\"}");
    String again = Fingerprint.of("{\"value\":\"hunter2\"}", first);
    String other = Fingerprint.of("{\"value\":\"hunter3\"}", first);
    String elsewhere = Fingerprint.of("{\"value\":\"hunter2\"}");
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(elsewhere).as("another resource gets another salt").isNotEqualTo(first);
    byte[] plain = MessageDigest.getInstance("SHA-256").digest("{\"value\":\"hunter2\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(first).doesNotContain("hunter2")
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(plain));
  }

  @Test
  void redactsEveryResolvedValueLongestFirst() {
    SecretValues values = new SecretValues(Map.of(
        new SecretKeySelector("s", "a"), "abc",
        new SecretKeySelector("s", "b"), "https://h/abcdef"), Map.of("s", "1"));
    assertThat(values.redact("refused https://h/abcdef and abc"))
        .isEqualTo("refused [redacted] and [redacted]");
    assertThat(SecretValues.none().redact("text")).isEqualTo("text");
  }

  @Test
  void backoffGrowsWithJitterAndIsCapped() {
    assertThat(POLICY.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(POLICY.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(4));
    assertThat(POLICY.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(6400));
    assertThat(POLICY.backoff(3, 1.0)).isEqualTo(Duration.ofMillis(9600));
    assertThat(POLICY.backoff(40, 1.0)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void classifiesDatadogFailures() {
    Failure limited = Failure.classify(error(429, Duration.ofSeconds(13)), 1, POLICY, 0.0);
    assertThat(limited.reason()).isEqualTo(Reason.RateLimited);
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(13));

    Failure limitedNoHeader = Failure.classify(error(429, null), 3, POLICY, 0.5);
    assertThat(limitedNoHeader.retryAfter()).isEqualTo(Duration.ofSeconds(8));

    Failure auth = Failure.classify(error(403, null), 1, POLICY, 0.5);
    assertThat(auth.reason()).isEqualTo(Reason.DatadogAuthFailed);
    assertThat(auth.retryAfter()).isEqualTo(Duration.ofMinutes(5));

    Failure rejected = Failure.classify(error(400, null), 1, POLICY, 0.5);
    assertThat(rejected.reason()).isEqualTo(Reason.DatadogRejected);
    assertThat(rejected.retry()).as("400 waits for a change").isEmpty();
    assertThat(rejected.message()).contains("Invalid webhook");

    assertThat(Failure.classify(error(503, null), 2, POLICY, 0.5).reason()).isEqualTo(Reason.DatadogUnavailable);
    assertThat(Failure.classify(DatadogApiException.network("GET x", new java.io.IOException("boom")), 1, POLICY,
        0.5).reason()).isEqualTo(Reason.DatadogUnavailable);
  }

  @Test
  void recognisesNotFoundOldAndNew() {
    assertThat(new DatadogApiException("op", 404, List.of("Webhook does not exist"), null).isNotFound()).isTrue();
    assertThat(new DatadogApiException("op", 400, List.of("Webhook does not exist"), null).isNotFound()).isTrue();
    assertThat(new DatadogApiException("op", 400, List.of("Invalid webhook"), null).isNotFound()).isFalse();
    assertThat(new DatadogApiException("op", 400, List.of("Webhook already exists"), null).isNameTaken()).isTrue();
  }

  @Test
  void jsonTextComparesByMeaning() {
    assertThat(JsonText.same("{\"a\":[1,2]}", " { \"a\" : [1, 2] } ")).isTrue();
    assertThat(JsonText.same("{\"a\":1}", "{\"a\":2}")).isFalse();
    assertThat(JsonText.same("not json", " not json ")).isTrue();
    assertThat(JsonText.same(null, null)).isTrue();
    assertThat(JsonText.same(null, "{}")).isFalse();
  }

  private static DatadogApiException error(int status, Duration retry) {
    return new DatadogApiException("PUT webhook 'x'", status, List.of(status == 400 ? "Invalid webhook" : "e"),
        retry);
  }
}
