package io.ddwebhooks.operator.sync;

import io.ddwebhooks.operator.crd.SecretKeySelector;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values read from Secrets for one reconcile, with the resourceVersion of each Secret they came from. Knows how to
 * scrub those values out of any text before it goes to a log, an Event or the status.
 */
public final class SecretValues {

  private final Map<SecretKeySelector, String> values;
  private final Map<String, String> versions;
  private final List<String> otherKeys;

  public SecretValues(Map<SecretKeySelector, String> values, Map<String, String> versions) {
    this(values, versions, List.of());
  }

  /**
   * {@code otherKeys}: the values of the other keys of the same Secrets, never used, only scrubbed from messages
   * (a Datadog answer about this resource could echo any of them).
   */
  public SecretValues(Map<SecretKeySelector, String> values, Map<String, String> versions,
      List<String> otherKeys) {
    this.values = Map.copyOf(values);
    this.versions = new TreeMap<>(versions);
    this.otherKeys = List.copyOf(otherKeys);
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

  /** Scrubs every resolved value, in every form it may be echoed in, out of a text. */
  public Redactor redactor() {
    return Redactor.of(all());
  }

  /** Every value read (those used, and the other keys of the same Secrets), for scrubbing only. */
  public List<String> all() {
    List<String> all = new java.util.ArrayList<>(values.values());
    all.addAll(otherKeys);
    return all;
  }

  /** {@code text} with every resolved value scrubbed out (see {@link Redactor}). */
  public String redact(String text) {
    return redactor().redact(text);
  }

  @Override
  public String toString() {
    return "SecretValues" + versions.keySet();
  }
}
