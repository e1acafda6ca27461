package io.ddwebhooks.operator.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;

/**
 * Keeps the loggers that dump HTTP traffic or whole objects at INFO and above, whatever level the operator runs at
 * (TRACE included): Fabric8's HTTP logging prints every request and response to the API server with its headers
 * (the ServiceAccount's bearer token) and bodies (Secret data); the in-process API server of the sandbox and the tests
 * prints every object it stores; the watch and informer internals print the objects they receive. A turbo filter
 * answers before levels are looked at, so changing the root level (or a logger's) cannot switch them on, and their
 * {@code isTraceEnabled()} says false, so nothing is even formatted.
 */
public final class SensitiveLoggers extends TurboFilter {

  /** Logger name prefixes held at INFO and above. */
  public static final List<String> PINNED = List.of(
      "io.fabric8.kubernetes.client.http",
      "io.fabric8.kubernetes.client.jdkhttp",
      "io.fabric8.kubernetes.client.vertx",
      "io.fabric8.kubernetes.client.okhttp",
      "io.fabric8.kubernetes.client.dsl.internal",
      "io.fabric8.kubernetes.client.informers",
      "io.fabric8.kubernetes.client.utils",
      "io.fabric8.kubernetes.client.server.mock",
      "io.fabric8.mockwebserver",
      "io.javaoperatorsdk.operator.processing.event.source",
      "jdk.internal.httpclient",
      "jdk.httpclient");

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
      Throwable t) {
    if (logger == null || level == null || level.isGreaterOrEqual(Level.INFO)) {
      return FilterReply.NEUTRAL;
    }
    String name = logger.getName();
    for (String prefix : PINNED) {
      if (name.startsWith(prefix)) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }
}
