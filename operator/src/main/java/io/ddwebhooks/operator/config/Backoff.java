package io.ddwebhooks.operator.config;

import java.time.Duration;

/**
 * How long to wait before trying Datadog again after a failure. Exponential backoff with jitter for rate limits
 * (when Datadog sends no X-RateLimit-Reset) and for outages; a fixed slow retry for auth failures.
 */
public record Backoff(Duration initialBackoff, Duration maxBackoff, Duration authFailureRetry) {

  public static Backoff defaults() {
    return new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(5));
  }

  /** The wait before attempt {@code failures + 1}: initial * 2^(failures-1), capped, then jittered by +-20%. */
  public Duration after(int failures, double random) {
    int exponent = Math.max(0, Math.min(failures - 1, 30));
    double millis = Math.min((double) maxBackoff.toMillis(), initialBackoff.toMillis() * Math.pow(2, exponent));
    double jittered = millis * (0.8 + 0.4 * random);
    return Duration.ofMillis(Math.max(1, Math.round(Math.min(jittered, maxBackoff.toMillis()))));
  }
}
