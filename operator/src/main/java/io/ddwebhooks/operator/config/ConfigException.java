package io.ddwebhooks.operator.config;

/** Configuration that cannot work; its message tells the user what to set. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
