package io.ddwebhooks.operator.sync;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Scrubs secret values out of text before it goes to a log, an Event or the status. Knows each value in the forms a
 * server or proxy may echo it back in: as is, JSON-escaped (once, and twice, as custom headers travel as JSON inside
 * JSON), URL-encoded, and Base64 (standard and URL-safe, at any alignment). Values shorter than
 * {@value #MIN_LENGTH} characters are not secrets worth the name and would scrub ordinary words.
 */
public final class Redactor {

  public static final String MARK = "[redacted]";
  static final int MIN_LENGTH = 3;

  private static final Redactor NONE = new Redactor(List.of());

  private final List<String> forms;

  private Redactor(List<String> forms) {
    this.forms = forms;
  }

  public static Redactor none() {
    return NONE;
  }

  public static Redactor of(Collection<String> secrets) {
    Set<String> forms = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s != null && s.length() >= MIN_LENGTH) {
        forms.addAll(formsOf(s));
      }
    }
    List<String> sorted = new ArrayList<>(forms);
    // longest first, so a value containing another is scrubbed whole
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(sorted));
  }

  /** A redactor that scrubs what either scrubs. */
  public Redactor and(Redactor other) {
    Set<String> all = new LinkedHashSet<>(forms);
    all.addAll(other.forms);
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(sorted));
  }

  public String redact(String text) {
    if (text == null || forms.isEmpty()) {
      return text;
    }
    String out = text;
    for (String form : forms) {
      out = out.replace(form, MARK);
    }
    return out;
  }

  static List<String> formsOf(String secret) {
    List<String> forms = new ArrayList<>();
    forms.add(secret);
    String json = new String(JsonStringEncoder.getInstance().quoteAsString(secret));
    forms.add(json);
    forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(json)));
    String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    forms.add(form);
    forms.add(form.replace("+", "%20"));
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
      for (int shift = 0; shift < 3; shift++) {
        forms.addAll(base64Core(encoder, bytes, shift));
      }
    }
    forms.removeIf(f -> f.length() < MIN_LENGTH);
    return forms;
  }

  /**
   * The Base64 characters that depend only on {@code secret}'s bytes when it starts {@code shift} bytes into a
   * 3-byte group: what any Base64 text containing the value contains, whatever surrounds it.
   */
  private static List<String> base64Core(Base64.Encoder encoder, byte[] secret, int shift) {
    byte[] padded = new byte[shift + secret.length];
    System.arraycopy(secret, 0, padded, shift, secret.length);
    String b64 = encoder.encodeToString(padded);
    int from = (shift + 2) / 3 * 4;
    int to = padded.length / 3 * 4;
    return to - from >= 4 ? List.of(b64.substring(from, to)) : List.of();
  }
}
