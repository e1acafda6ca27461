package io.ddwebhooks.operator.sync;

import io.ddwebhooks.operator.crd.SecretKeySelector;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values read from Secrets for one reconcile, with the resourceVersion of each Secret they came from. Knows how to
 * scrub those values out of any text before it goes to a log, an Event or the status.
 */
public final class SecretValues {

  private static final String REDACTED = "[redacted]";

  private final Map<SecretKeySelector, String> values;
  private final Map<String, String> versions;

  public SecretValues(Map<SecretKeySelector, String> values, Map<String, String> versions) {
    this.values = Map.copyOf(values);
    this.versions = new TreeMap<>(versions);
  }

  public static SecretValues none() {
    return new SecretValues(Map.of(), Map.of());
  }

  public String get(SecretKeySelector ref) {
    String v = values.get(ref);
    if (v == null) {
      throw new IllegalStateException("not resolved: " + ref);
    }
    return v;
  }

  /** Secret name to resourceVersion, for status.secretVersions. */
  public Map<String, String> versions() {
    return versions;
  }

  /** {@code text} with every resolved value (longest first) replaced by a marker. */
  public String redact(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    String out = text;
    List<String> secrets = values.values().stream().filter(v -> v.length() >= 3)
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String s : secrets) {
      out = out.replace(s, REDACTED);
    }
    return out;
  }

  @Override
  public String toString() {
    return "SecretValues" + versions.keySet();
  }
}
