package io.ddwebhooks.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SensitiveLoggersTest {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level previous = root.getLevel();

  @AfterEach
  void restore() {
    root.setLevel(previous);
  }

  @Test
  void trafficDumpingLoggersStayQuietAtEveryLevel() {
    LogFormat.apply("TRACE", "text");
    Logger http = (Logger) LoggerFactory.getLogger("io.fabric8.kubernetes.client.http.HttpLoggingInterceptor");
    http.setLevel(Level.TRACE);
    assertThat(http.isTraceEnabled()).isFalse();
    assertThat(http.isDebugEnabled()).isFalse();
    assertThat(http.isInfoEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher")
        .isDebugEnabled()).isFalse();
    assertThat(LoggerFactory.getLogger("io.ddwebhooks.operator.reconciler.Reporter").isTraceEnabled())
        .as("everything else follows the level").isTrue();
    http.setLevel(null);
  }

  @Test
  void installedOnce() {
    LogFormat.apply("INFO", "text");
    LogFormat.apply("DEBUG", "text");
    assertThat(root.getLoggerContext().getTurboFilterList().stream()
        .filter(f -> f instanceof SensitiveLoggers)).hasSize(1);
  }
}
