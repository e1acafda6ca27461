package io.ddwebhooks.operator.config;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CREDENTIALS_URL_ALLOWLIST: the Datadog API base URLs a namespaced DatadogCredentials may name. Each entry is a URL
 * ({@code scheme://host[:port][/path]}) compared part by part with the parsed URL a tenant wrote, never as a string
 * prefix: the scheme, the host (IDN and a trailing dot normalised, case ignored) and the port must be equal (an entry
 * with port {@code *}, or ending in {@code :}, allows any port), and an entry's path must be a whole-segment prefix of
 * the URL's path. A URL with user information, a query, a fragment, an escaped path or dot segments is never
 * allowed: each is a way to make the client reach another host or path than the text seems to say.
 */
public final class UrlAllowlist {

  /** One allowed place: scheme, host, port (-1: any) and path prefix ("" or "/a/b"). */
  private record Entry(String scheme, String host, int port, String path) {}

  private final List<Entry> entries;
  private final List<String> written;

  private UrlAllowlist(List<Entry> entries, List<String> written) {
    this.entries = entries;
    this.written = written;
  }

  public static final UrlAllowlist NONE = new UrlAllowlist(List.of(), List.of());

  /** Parses the entries; a malformed one is a {@link ConfigException} naming it (an admin wrote it, not a secret). */
  public static UrlAllowlist parse(List<String> values) {
    List<Entry> entries = values.stream().map(UrlAllowlist::entry).toList();
    return new UrlAllowlist(entries, List.copyOf(values));
  }

  private static Entry entry(String value) {
    String text = value.trim();
    boolean anyPort = false;
    if (text.endsWith(":*")) {
      text = text.substring(0, text.length() - 2);
      anyPort = true;
    } else if (text.endsWith(":")) {
      // the prefix form earlier versions documented ("http://127.0.0.1:"): any port
      text = text.substring(0, text.length() - 1);
      anyPort = true;
    }
    Optional<Parsed> parsed = parsed(text);
    if (parsed.isEmpty()) {
      throw new ConfigException("CREDENTIALS_URL_ALLOWLIST entry '" + value + "' is not a URL of the form"
          + " scheme://host[:port][/path] (http or https; no user, query or fragment; port '*' for any)");
    }
    Parsed p = parsed.get();
    if (anyPort && p.explicitPort()) {
      throw new ConfigException("CREDENTIALS_URL_ALLOWLIST entry '" + value + "' names a port and any port");
    }
    return new Entry(p.scheme(), p.host(), anyPort ? -1 : p.port(), p.path());
  }

  /** Whether a namespaced DatadogCredentials may use {@code url}. */
  public boolean allows(String url) {
    Optional<Parsed> parsed = url == null ? Optional.empty() : parsed(url.trim());
    if (parsed.isEmpty()) {
      return false;
    }
    Parsed p = parsed.get();
    return entries.stream().anyMatch(e -> e.scheme().equals(p.scheme()) && e.host().equals(p.host())
        && (e.port() == -1 || e.port() == p.port()) && underPath(p.path(), e.path()));
  }

  private static boolean underPath(String path, String prefix) {
    return prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
  }

  /** A host name (no user information, no IPv6 literal) and an optional port. */
  private static final java.util.regex.Pattern AUTHORITY =
      java.util.regex.Pattern.compile("([^:@\\[\\]/?#\\s]+)(?::(\\d{1,5}))?");

  /** A URL reduced to what identifies its server; {@code explicitPort}: the text named the port. */
  private record Parsed(String scheme, String host, int port, boolean explicitPort, String path) {}

  private static Optional<Parsed> parsed(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme) || uri.isOpaque() || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null || uri.getRawFragment() != null || text.contains("?") || text.contains("#")
        || uri.getRawAuthority() == null || uri.getRawAuthority().contains("@")) {
      return Optional.empty();
    }
    // java.net.URI leaves the host of an internationalised name unparsed: read it from the authority then
    String hostText = uri.getHost();
    int port = uri.getPort();
    if (hostText == null) {
      java.util.regex.Matcher m = AUTHORITY.matcher(uri.getAuthority() == null ? "" : uri.getAuthority());
      if (!m.matches()) {
        return Optional.empty();
      }
      hostText = m.group(1);
      port = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
    }
    Optional<String> host = host(hostText);
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (host.isEmpty() || rawPath.contains("%") || rawPath.contains("\\") || rawPath.contains("//")
        || java.util.Arrays.asList(rawPath.split("/")).stream().anyMatch(s -> s.equals(".") || s.equals(".."))) {
      return Optional.empty();
    }
    String path = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
    boolean explicit = port != -1;
    return Optional.of(new Parsed(scheme, host.get(), explicit ? port : scheme.equals("https") ? 443 : 80, explicit,
        path));
  }

  /** The host as DNS sees it: ASCII (IDN), lower case, without a trailing dot. */
  private static Optional<String> host(String host) {
    if (host == null || host.isEmpty()) {
      return Optional.empty();
    }
    try {
      String ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      while (ascii.endsWith(".")) {
        ascii = ascii.substring(0, ascii.length() - 1);
      }
      return ascii.isEmpty() ? Optional.empty() : Optional.of(ascii);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code url} is a well-formed Datadog base URL at all (any credentials kind, any allowlist). */
  public static boolean wellFormed(String url) {
    return url != null && parsed(url.trim()).isPresent();
  }

  @Override
  public String toString() {
    return written.toString();
  }
}
