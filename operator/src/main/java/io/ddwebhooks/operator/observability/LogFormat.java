package io.ddwebhooks.operator.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.ddwebhooks.operator.config.ConfigException;
import org.slf4j.LoggerFactory;

/** Applies the log level and format (human-readable text, or JSON lines with the resource in every line). */
public final class LogFormat {

  private LogFormat() {}

  public static void apply(String level, String format) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    pinSensitiveLoggers(root.getLoggerContext());
    root.setLevel(Level.toLevel(level, Level.INFO));
    switch (format == null ? "text" : format.trim().toLowerCase()) {
      case "text" -> { }
      case "json" -> {
        LoggerContext context = root.getLoggerContext();
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        // one readable message per line; the raw pattern and its arguments would only repeat it
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithSequenceNumber(false);
        encoder.start();
        ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
        json.setContext(context);
        json.setName("json");
        json.setEncoder(encoder);
        json.start();
        root.detachAndStopAllAppenders();
        root.addAppender(json);
      }
      default -> throw new ConfigException("LOG_FORMAT must be text or json, got '" + format + "'");
    }
  }

  /** Installs {@link SensitiveLoggers} unless the configuration already did (a replaced logback.xml, say). */
  static void pinSensitiveLoggers(LoggerContext context) {
    if (context.getTurboFilterList().stream().noneMatch(f -> f instanceof SensitiveLoggers)) {
      SensitiveLoggers filter = new SensitiveLoggers();
      filter.setContext(context);
      filter.start();
      context.addTurboFilter(filter);
    }
  }
}
