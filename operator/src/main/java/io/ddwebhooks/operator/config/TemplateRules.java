package io.ddwebhooks.operator.config;

import java.util.Locale;

/**
 * How webhook templates are checked: VARIABLE_ACCESS (which custom variables a namespace may reference) and
 * UNKNOWN_VARIABLES (whether a reference to no known variable only warns or blocks the write).
 */
public record TemplateRules(Access access, boolean refuseUnknown) {

  /** Which custom variables a webhook may reference. */
  public enum Access {
    /** A secret variable only from the namespace of the DatadogCustomVariable that declares it (the default). */
    SECRET_NAMESPACE,
    /** Every custom variable only from the namespace that declares it. */
    NAMESPACE,
    /** No check. */
    OFF
  }

  public static final TemplateRules DEFAULT = new TemplateRules(Access.SECRET_NAMESPACE, false);

  public static TemplateRules parse(String access, String unknown) {
    Access a = switch (access == null || access.isBlank() ? "secret-namespace" : access.trim().toLowerCase(Locale.ROOT)) {
      case "secret-namespace" -> Access.SECRET_NAMESPACE;
      case "namespace" -> Access.NAMESPACE;
      case "off" -> Access.OFF;
      default -> throw new ConfigException("VARIABLE_ACCESS must be secret-namespace, namespace or off, got '"
          + access + "'");
    };
    boolean refuse = switch (unknown == null || unknown.isBlank() ? "warn" : unknown.trim().toLowerCase(Locale.ROOT)) {
      case "warn" -> false;
      case "refuse" -> true;
      default -> throw new ConfigException("UNKNOWN_VARIABLES must be warn or refuse, got '" + unknown + "'");
    };
    return new TemplateRules(a, refuse);
  }
}
