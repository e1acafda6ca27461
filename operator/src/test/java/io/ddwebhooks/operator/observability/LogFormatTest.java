package io.ddwebhooks.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddwebhooks.operator.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogFormatTest {

  @AfterEach
  void restore() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void jsonLinesCarryTheResource() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      LogFormat.apply("INFO", "json");
      MDC.put("resource.namespace", "apps");
      MDC.put("resource.name", "checkout-pager");
      LoggerFactory.getLogger("test").info("created webhook '{}' in Datadog", "checkout-pager");
    } finally {
      MDC.clear();
      System.setOut(original);
    }
    String line = captured.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains("created webhook")).findFirst().orElseThrow();
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("level").asText()).isEqualTo("INFO");
    assertThat(json.path("formattedMessage").asText()).isEqualTo("created webhook 'checkout-pager' in Datadog");
    assertThat(json.path("mdc").path("resource.namespace").asText()).isEqualTo("apps");
    assertThat(json.path("mdc").path("resource.name").asText()).isEqualTo("checkout-pager");
  }

  @Test
  void unknownFormatIsRefused() {
    assertThatThrownBy(() -> LogFormat.apply("INFO", "xml")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("LOG_FORMAT");
  }
}
