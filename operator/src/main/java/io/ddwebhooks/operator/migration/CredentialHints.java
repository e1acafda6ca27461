package io.ddwebhooks.operator.migration;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which exported values look like credentials, so that they go to a Secret and never to standard output: header
 * names like Authorization, *-Token, *-Key, *Secret*, and any the user names; URLs with userinfo, a token-like query
 * parameter, or a path part that looks like a generated token (long, mixing letters and digits).
 */
final class CredentialHints {

  private static final Pattern SECRET_HEADER = Pattern.compile(
      "(?i)^(authorization|proxy-authorization|cookie|set-cookie)$|.*(token|secret|password|passwd|credential"
          + "|signature|session|auth).*|.*[-_]?(api[-_]?)?key$");
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i).*(token|secret|password|passwd|key|sig|signature|auth|code|credential|session).*");
  /** A path part that looks generated: 20+ characters of a token alphabet with letters and digits mixed. */
  private static final Pattern TOKEN_PART = Pattern.compile("^(?=.*[A-Za-z])(?=.*\\d)[A-Za-z0-9_\\-.~=+]{20,}$");

  private final Set<String> namedHeaders;

  /** {@code namedHeaders}: header names the user says are secret (any case). */
  CredentialHints(Set<String> namedHeaders) {
    this.namedHeaders = namedHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(
        java.util.stream.Collectors.toSet());
  }

  boolean secretHeader(String name) {
    return namedHeaders.contains(name.toLowerCase(Locale.ROOT)) || SECRET_HEADER.matcher(name).matches();
  }

  /** Whether the URL carries something that reads like a credential (or cannot be read at all). */
  static boolean urlCarriesCredentials(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return true;
    }
    if (uri.getRawUserInfo() != null) {
      return true;
    }
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        if (SECRET_PARAMETER.matcher(name).matches() || TOKEN_PART.matcher(pair).matches()) {
          return true;
        }
      }
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    for (String part : path.split("/")) {
      if (TOKEN_PART.matcher(part).matches()) {
        return true;
      }
    }
    // a Slack or Teams incoming webhook is a credential in itself, whatever its parts look like
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return host.equals("hooks.slack.com") || host.endsWith(".webhook.office.com") || uri.getRawFragment() != null;
  }
}
