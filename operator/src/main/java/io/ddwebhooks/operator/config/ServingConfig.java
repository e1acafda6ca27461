package io.ddwebhooks.operator.config;

import java.util.Map;

/** How the operator process presents itself: the health/metrics port and the log format. */
public record ServingConfig(int healthPort, String logFormat) {

  public static final int DEFAULT_HEALTH_PORT = 8080;

  /** Reads HEALTH_PORT (default 8080; 0 turns the endpoints off) and LOG_FORMAT (text or json). */
  public static ServingConfig fromEnvironment(Map<String, String> env) {
    String port = env.getOrDefault("HEALTH_PORT", String.valueOf(DEFAULT_HEALTH_PORT)).trim();
    int parsed;
    try {
      parsed = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new ConfigException("HEALTH_PORT must be a port number, got '" + port + "'");
    }
    if (parsed < 0 || parsed > 65535) {
      throw new ConfigException("HEALTH_PORT must be between 0 and 65535, got " + parsed);
    }
    String format = env.getOrDefault("LOG_FORMAT", "text").trim().toLowerCase();
    if (!format.equals("text") && !format.equals("json")) {
      throw new ConfigException("LOG_FORMAT must be text or json, got '" + format + "'");
    }
    return new ServingConfig(parsed, format);
  }
}
