package io.ddwebhooks.operator.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks every value gets before anything is sent to Datadog, the same whether it is written in the spec or read
 * from a Secret. Each answers the problem, naming the field (and for a Secret its name and key) but never the value.
 * The limits are the operator's; the CRD's caps are set well above them (clusters before Kubernetes 1.30 cannot
 * tighten a schema without stranding existing objects), and {@code CrdLimitsTest} keeps the two consistent.
 */
public final class ValueChecks {

  public static final int MAX_URL = 2048;
  public static final int MAX_HEADERS = 64;
  public static final int MAX_HEADER_NAME = 256;
  public static final int MAX_HEADER_VALUE = 8192;
  public static final int MAX_PAYLOAD = 65_536;
  public static final int MAX_PAYLOAD_DEPTH = 64;
  public static final int MAX_VARIABLE_VALUE = 65_536;
  /** RFC 9110 token: the characters a header name may have. */
  public static final String HEADER_NAME_PATTERN = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";

  private static final Pattern HEADER_NAME = Pattern.compile(HEADER_NAME_PATTERN);
  /** Datadog template variables ($NAME, $TAGS[key]), replaced by a placeholder before a URL is parsed. */
  private static final Pattern VARIABLE = Pattern.compile("\\$TAGS\\[[^\\]]*\\]|\\$[A-Za-z0-9_]+");
  private static final ObjectMapper STRICT_JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_PAYLOAD_DEPTH).build()).build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ValueChecks() {}

  /** How a Secret-sourced value is named in messages: the field, the Secret and the key. */
  public static String fromSecret(String field, SecretKeySelector ref) {
    return field + " (Secret '" + ref.getName() + "', key '" + ref.getKey() + "')";
  }

  /**
   * A URL or header value read from a Secret, without the one line break that {@code kubectl create secret
   * --from-file} of a file ending in a newline adds. Any other line break stays, and is refused.
   */
  public static String singleLine(String value) {
    if (value.endsWith("\r\n")) {
      return value.substring(0, value.length() - 2);
    }
    return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
  }

  /** An absolute http(s) URL with a host, no white space or control characters; template variables allowed. */
  public static Optional<String> url(String where, String value) {
    if (value.isEmpty()) {
      return Optional.of(where + " is empty");
    }
    if (value.length() > MAX_URL) {
      return Optional.of(where + " is longer than " + MAX_URL + " characters");
    }
    if (value.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
        || Character.isSpaceChar(c))) {
      return Optional.of(where + " contains white space or control characters");
    }
    URI uri;
    try {
      uri = new URI(VARIABLE.matcher(value).replaceAll("x"));
    } catch (URISyntaxException e) {
      return Optional.of(where + " is not a valid URL");
    }
    // as the CRD's pattern says: the scheme in lower case
    if (!value.startsWith("http://") && !value.startsWith("https://")) {
      return Optional.of(where + " must start with http:// or https://");
    }
    if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of(where + " has no host name");
    }
    return Optional.empty();
  }

  public static Optional<String> headerName(String where, String name) {
    if (name.length() > MAX_HEADER_NAME) {
      return Optional.of(where + " is longer than " + MAX_HEADER_NAME + " characters");
    }
    if (!HEADER_NAME.matcher(name).matches()) {
      return Optional.of(where + " is not a valid HTTP header name (letters, digits and !#$%&'*+.^_`|~-, no"
          + " spaces or ':')");
    }
    return Optional.empty();
  }

  /** No CR, LF, NUL or other control character but tab: a header value cannot start another header. */
  public static Optional<String> headerValue(String where, String value) {
    if (value.length() > MAX_HEADER_VALUE) {
      return Optional.of(where + " is longer than " + MAX_HEADER_VALUE + " characters");
    }
    if (value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
      return Optional.of(where + " contains a line break (CR or LF), which would start another header");
    }
    if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
      return Optional.of(where + " contains a control character");
    }
    return Optional.empty();
  }

  /** Any text but NUL; multi-line values (PEM, JSON) are fine and kept exactly, trailing newline included. */
  public static Optional<String> variableValue(String where, String value) {
    if (value.length() > MAX_VARIABLE_VALUE) {
      return Optional.of(where + " is longer than " + MAX_VARIABLE_VALUE + " characters");
    }
    if (value.indexOf('\0') >= 0) {
      return Optional.of(where + " contains a NUL character");
    }
    return Optional.empty();
  }

  /** A JSON object or array and nothing after it, within the size and nesting limits. */
  public static Optional<String> payload(String where, String value) {
    if (value.length() > MAX_PAYLOAD) {
      return Optional.of(where + " is longer than " + MAX_PAYLOAD + " characters");
    }
    JsonNode tree;
    try {
      tree = STRICT_JSON.readTree(value);
    } catch (StreamConstraintsException e) {
      return Optional.of(where + " is nested deeper than " + MAX_PAYLOAD_DEPTH + " levels");
    } catch (Exception e) {
      // the parser's message quotes the input: say what is wrong in our own words
      return Optional.of(where + " must be JSON text, a single object or array (Datadog $VARIABLES go inside JSON"
          + " strings)");
    }
    if (tree == null || !(tree.isObject() || tree.isArray())) {
      return Optional.of(where + " must be a JSON object or array, not a single value");
    }
    return Optional.empty();
  }
}
