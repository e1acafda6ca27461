package io.ddwebhooks.operator.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the operator is told at start, read once from the environment (and command-line overrides in Main).
 * No other class reads the environment.
 */
public record OperatorConfig(
    URI datadogBaseUrl,
    String apiKey,
    String appKey,
    Set<String> namespaces,
    Duration resyncInterval,
    Duration requestTimeout,
    Backoff retry,
    String logLevel,
    LeaderElection leaderElection,
    AdoptionScope adoption,
    String operatorNamespace,
    String defaultCredentials,
    List<String> credentialsUrlAllowlist,
    TemplateRules templateRules,
    double readsPerSecond,
    Duration minResourceInterval) {

  public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(10);

  /**
   * The shortest resync or reapply interval a resource's annotation may ask for (MIN_RESOURCE_INTERVAL), so that no
   * resource, and no namespace with many of them, can make the operator spend an org's reads and writes on it.
   */
  public static final Duration DEFAULT_MIN_RESOURCE_INTERVAL = Duration.ofMinutes(1);

  /**
   * Reads per second to one Datadog org, all resources together (resyncs, checks before writes, template checks).
   * Datadog publishes no limit for these endpoints; 20 a second keeps 5,000 webhooks and 5,000 custom variables at
   * a 10-minute resync (16.7 a second) under it and leaves room for the org's other tooling.
   */
  public static final double DEFAULT_READS_PER_SECOND = 20;

  /** Defaults for everything but where Datadog is and the keys. */
  public static OperatorConfig forDatadog(URI baseUrl, String apiKey, String appKey) {
    return new OperatorConfig(baseUrl, apiKey, appKey, Set.of(), DEFAULT_RESYNC, Duration.ofSeconds(30),
        Backoff.defaults(), "INFO", null, AdoptionScope.NOWHERE, null, null, List.of(), TemplateRules.DEFAULT,
        DEFAULT_READS_PER_SECOND, DEFAULT_MIN_RESOURCE_INTERVAL);
  }

  /**
   * Reads DD_API_KEY, DD_APP_KEY, DD_SITE, DD_URL, WATCH_NAMESPACES, RESYNC_INTERVAL, LOG_LEVEL and, for leader
   * election, LEADER_ELECTION, LEADER_ELECTION_NAMESPACE (else POD_NAMESPACE) and POD_NAME,
   * ALLOW_ADOPTION_NAMESPACES, POD_NAMESPACE for the operator's own namespace, DEFAULT_CREDENTIALS and
   * CREDENTIALS_URL_ALLOWLIST.
   */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    String apiKey = blankToNull(env.get("DD_API_KEY"));
    String appKey = blankToNull(env.get("DD_APP_KEY"));
    if ((apiKey == null) != (appKey == null)) {
      throw new ConfigException("DD_API_KEY and DD_APP_KEY must both be set (a Datadog API key and an application"
          + " key with the manage_integrations permission), or neither; missing: "
          + (apiKey == null ? "DD_API_KEY" : "DD_APP_KEY"));
    }
    String defaultCredentials = blankToNull(env.get("DEFAULT_CREDENTIALS"));
    if (defaultCredentials != null && apiKey != null) {
      throw new ConfigException("the default Datadog org is either DD_API_KEY and DD_APP_KEY or DEFAULT_CREDENTIALS"
          + " (a ClusterDatadogCredentials), not both");
    }
    String url = blankToNull(env.get("DD_URL"));
    URI base = url != null ? parseUrl(url) : DatadogSite.apiBaseUrl(env.get("DD_SITE"));
    return new OperatorConfig(base, apiKey, appKey, parseNamespaces(env.get("WATCH_NAMESPACES")),
        parseDuration("RESYNC_INTERVAL", env.get("RESYNC_INTERVAL"), DEFAULT_RESYNC),
        Duration.ofSeconds(30), Backoff.defaults(),
        env.getOrDefault("LOG_LEVEL", "INFO").trim().toUpperCase(), LeaderElection.fromEnvironment(env),
        AdoptionScope.parse(env.get("ALLOW_ADOPTION_NAMESPACES")), operatorNamespace(env), defaultCredentials,
        allowlist(parseList(env.get("CREDENTIALS_URL_ALLOWLIST"))),
        TemplateRules.parse(env.get("VARIABLE_ACCESS"), env.get("UNKNOWN_VARIABLES")),
        parseRate("DATADOG_READS_PER_SECOND", env.get("DATADOG_READS_PER_SECOND")),
        parseDuration("MIN_RESOURCE_INTERVAL", env.get("MIN_RESOURCE_INTERVAL"), DEFAULT_MIN_RESOURCE_INTERVAL));
  }

  public OperatorConfig withLeaderElection(LeaderElection election) {
    return new OperatorConfig(datadogBaseUrl, apiKey, appKey, namespaces, resyncInterval, requestTimeout, retry,
        logLevel, election, adoption, operatorNamespace, defaultCredentials, credentialsUrlAllowlist, templateRules, readsPerSecond, minResourceInterval);
  }

  public OperatorConfig withAdoption(AdoptionScope policy) {
    return new OperatorConfig(datadogBaseUrl, apiKey, appKey, namespaces, resyncInterval, requestTimeout, retry,
        logLevel, leaderElection, policy, operatorNamespace, defaultCredentials, credentialsUrlAllowlist, templateRules, readsPerSecond, minResourceInterval);
  }

  public OperatorConfig withRequestTimeout(Duration timeout) {
    return new OperatorConfig(datadogBaseUrl, apiKey, appKey, namespaces, resyncInterval, timeout, retry,
        logLevel, leaderElection, adoption, operatorNamespace, defaultCredentials, credentialsUrlAllowlist, templateRules, readsPerSecond, minResourceInterval);
  }

  /** The namespace the operator runs in (where it keeps its fingerprint key); null when not known. */
  public OperatorConfig withOperatorNamespace(String namespace) {
    return new OperatorConfig(datadogBaseUrl, apiKey, appKey, namespaces, resyncInterval, requestTimeout, retry,
        logLevel, leaderElection, adoption, namespace, defaultCredentials, credentialsUrlAllowlist, templateRules, readsPerSecond, minResourceInterval);
  }

  /** POD_NAMESPACE (the Deployment sets it), else the namespace of the ServiceAccount mounted in a pod. */
  static String operatorNamespace(Map<String, String> env) {
    String ns = blankToNull(env.get("POD_NAMESPACE"));
    if (ns != null) {
      return ns;
    }
    java.nio.file.Path mounted = java.nio.file.Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");
    try {
      return java.nio.file.Files.isReadable(mounted) ? blankToNull(java.nio.file.Files.readString(mounted)) : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** Whether the default org comes from DD_API_KEY and DD_APP_KEY. */
  public boolean hasEnvironmentKeys() {
    return apiKey != null && appKey != null;
  }

  public OperatorConfig withTemplateRules(TemplateRules rules) {
    return new OperatorConfig(datadogBaseUrl, apiKey, appKey, namespaces, resyncInterval, requestTimeout, retry,
        logLevel, leaderElection, adoption, operatorNamespace, defaultCredentials, credentialsUrlAllowlist, rules, readsPerSecond, minResourceInterval);
  }

  public OperatorConfig withDefaultCredentials(String name) {
    return new OperatorConfig(datadogBaseUrl, apiKey, appKey, namespaces, resyncInterval, requestTimeout, retry,
        logLevel, leaderElection, adoption, operatorNamespace, name, credentialsUrlAllowlist, templateRules, readsPerSecond, minResourceInterval);
  }

  public OperatorConfig withCredentialsUrlAllowlist(List<String> prefixes) {
    return new OperatorConfig(datadogBaseUrl, apiKey, appKey, namespaces, resyncInterval, requestTimeout, retry,
        logLevel, leaderElection, adoption, operatorNamespace, defaultCredentials, List.copyOf(prefixes), templateRules, readsPerSecond, minResourceInterval);
  }

  /** No environment keys: the default org is DEFAULT_CREDENTIALS, or there is none. */
  public OperatorConfig withoutEnvironmentKeys() {
    return new OperatorConfig(datadogBaseUrl, null, null, namespaces, resyncInterval, requestTimeout, retry,
        logLevel, leaderElection, adoption, operatorNamespace, defaultCredentials, credentialsUrlAllowlist, templateRules, readsPerSecond, minResourceInterval);
  }

  /** The entries, each checked to be a URL (a malformed one stops the start with a message naming it). */
  private static List<String> allowlist(List<String> entries) {
    UrlAllowlist.parse(entries);
    return entries;
  }

  static List<String> parseList(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  public boolean watchesAllNamespaces() {
    return namespaces.isEmpty();
  }

  public OperatorConfig withNamespaces(Set<String> ns) {
    return new OperatorConfig(datadogBaseUrl, apiKey, appKey, Set.copyOf(ns), resyncInterval, requestTimeout,
        retry, logLevel, leaderElection, adoption, operatorNamespace, defaultCredentials, credentialsUrlAllowlist, templateRules, readsPerSecond, minResourceInterval);
  }

  public OperatorConfig withResyncInterval(Duration resync) {
    return new OperatorConfig(datadogBaseUrl, apiKey, appKey, namespaces, resync, requestTimeout, retry, logLevel,
        leaderElection, adoption, operatorNamespace, defaultCredentials, credentialsUrlAllowlist, templateRules, readsPerSecond, minResourceInterval);
  }

  public OperatorConfig withRetry(Backoff retryPolicy) {
    return new OperatorConfig(datadogBaseUrl, apiKey, appKey, namespaces, resyncInterval, requestTimeout,
        retryPolicy, logLevel, leaderElection, adoption, operatorNamespace, defaultCredentials, credentialsUrlAllowlist, templateRules, readsPerSecond, minResourceInterval);
  }

  public OperatorConfig withReadsPerSecond(double rate) {
    return new OperatorConfig(datadogBaseUrl, apiKey, appKey, namespaces, resyncInterval, requestTimeout, retry,
        logLevel, leaderElection, adoption, operatorNamespace, defaultCredentials, credentialsUrlAllowlist,
        templateRules, rate, minResourceInterval);
  }

  /** The shortest resync or reapply interval a resource's annotation may ask for. */
  public OperatorConfig withMinResourceInterval(Duration interval) {
    return new OperatorConfig(datadogBaseUrl, apiKey, appKey, namespaces, resyncInterval, requestTimeout, retry,
        logLevel, leaderElection, adoption, operatorNamespace, defaultCredentials, credentialsUrlAllowlist,
        templateRules, readsPerSecond, interval);
  }

  /** A duration as the operator's settings write it: 90s, 5m, 1h. */
  public static String format(Duration d) {
    if (d.toSeconds() % 3600 == 0) {
      return d.toHours() + "h";
    }
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
  }

  /** A positive number of reads per second; blank: the default. */
  static double parseRate(String name, String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_READS_PER_SECOND;
    }
    try {
      double rate = Double.parseDouble(value.trim());
      if (rate > 0 && rate <= 10_000) {
        return rate;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(name + " must be a number of reads per second between 0 and 10000, e.g. 10");
  }

  public OperatorConfig withLogLevel(String level) {
    return new OperatorConfig(datadogBaseUrl, apiKey, appKey, namespaces, resyncInterval, requestTimeout, retry,
        level.toUpperCase(), leaderElection, adoption, operatorNamespace, defaultCredentials, credentialsUrlAllowlist, templateRules, readsPerSecond, minResourceInterval);
  }

  /** Keys are never printed, whatever prints the config. */
  @Override
  public String toString() {
    return "OperatorConfig[datadog=" + masked(datadogBaseUrl) + ", namespaces=" + (namespaces.isEmpty() ? "all" : namespaces)
        + ", resync=" + resyncInterval + ", logLevel=" + logLevel
        + ", leaderElection=" + (leaderElection == null ? "off" : leaderElection) + ", adoption=" + adoption
        + ", operatorNamespace=" + (operatorNamespace == null ? "unknown" : operatorNamespace)
        + ", defaultOrg=" + (hasEnvironmentKeys() ? "DD_API_KEY/DD_APP_KEY at " + masked(datadogBaseUrl)
            : defaultCredentials != null ? "ClusterDatadogCredentials/" + defaultCredentials : "none")
        + ", credentialsUrlAllowlist=" + credentialsUrlAllowlist + ", templateRules=" + templateRules
        + ", readsPerSecond=" + readsPerSecond + ", minResourceInterval=" + format(minResourceInterval) + "]";
  }

  public static Set<String> parseNamespaces(String value) {
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** ISO-8601 (PT10M) or a number with a unit: 30s, 10m, 1h. */
  public static Duration parseDuration(String what, String value, Duration fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim().toLowerCase();
    try {
      Duration d;
      if (v.startsWith("p")) {
        d = Duration.parse(v.toUpperCase());
      } else if (v.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      } else {
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        d = switch (v.charAt(v.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> throw new NumberFormatException();
        };
      }
      if (d.isNegative() || d.isZero()) {
        throw new ConfigException(what + " must be positive, got '" + value + "'");
      }
      return d;
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new ConfigException(what + " '" + value + "' is not a duration (examples: 30s, 10m, 1h, PT10M)");
    }
  }

  private static URI parseUrl(String url) {
    URI u;
    try {
      u = URI.create(url.trim());
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      // the value may carry credentials: never repeat it
      throw new ConfigException("DD_URL must be an http(s) base URL such as https://api.datadoghq.com");
    }
    if (u.getRawUserInfo() != null && u.getScheme().equals("http")) {
      throw new ConfigException("DD_URL carries credentials (user:password@) over plain http, which would send them"
          + " in clear text: use https (plain http without credentials stays allowed, for an emulator in a test"
          + " cluster)");
    }
    return u;
  }

  /** {@code url} with any user:password@ replaced by ***@, for printing. */
  public static String masked(URI url) {
    if (url == null || url.getRawUserInfo() == null) {
      return String.valueOf(url);
    }
    return url.toString().replace(url.getRawUserInfo() + "@", "***@");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
