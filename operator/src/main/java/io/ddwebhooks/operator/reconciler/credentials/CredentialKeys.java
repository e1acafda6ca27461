package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.config.UrlAllowlist;
import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.crd.CredentialsEndpoint;
import io.ddwebhooks.operator.sync.LabelSelectors;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.ValueChecks;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a credentials object names: where its org is (a site, or a URL a namespace may use only when the
 * operator's CREDENTIALS_URL_ALLOWLIST admits it) and its key pair from Secrets, with the checks a tenant's input
 * needs. Messages name Secrets and keys, never a value.
 */
final class CredentialKeys {

  /** The two keys, or why they cannot be used ({@code problem} set). */
  record Keys(String api, String app, String problem) {
    @Override
    public String toString() {
      return problem != null ? "Keys[" + problem + "]" : "Keys[present]";
    }
  }

  private final CredentialsLookup lookup;
  private final UrlAllowlist urlAllowlist;

  CredentialKeys(CredentialsLookup lookup, UrlAllowlist urlAllowlist) {
    this.lookup = lookup;
    this.urlAllowlist = urlAllowlist;
  }

  /** Why a DatadogCredentials may not name {@code url}, or empty. */
  Optional<String> urlProblem(String url) {
    return urlAllowlist.allows(url) ? Optional.empty() : Optional.of("spec.url is not allowed for namespaced"
        + " credentials: it must match an entry of the operator's CREDENTIALS_URL_ALLOWLIST (scheme, host and port"
        + " exactly; no user information, query or fragment)");
  }

  /**
   * The API base URL: https://api.{site}, or the URL when it is a base URL (http or https, a host, no query or
   * fragment) and, for a namespaced object, the allowlist admits it; empty otherwise.
   */
  Optional<URI> endpoint(CredentialsEndpoint spec, boolean clusterScoped) {
    if (spec.getSite() != null) {
      return Optional.of(URI.create("https://api." + spec.getSite()));
    }
    String url = spec.getUrl();
    if (url == null || (!clusterScoped && !urlAllowlist.allows(url))) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url.trim());
      boolean base = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
          && uri.getRawQuery() == null && uri.getRawFragment() == null && !url.contains("?") && !url.contains("#");
      return base ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /**
   * Why resources of {@code namespace} may not use {@code creds} (its namespaceSelector), or empty. Labels that
   * cannot be read allow nothing (the reconcile is retried): access never rests on a failed lookup.
   */
  Optional<Outcome> refused(ClusterDatadogCredentials creds, String namespace) {
    String name = creds.getMetadata().getName();
    var selector = creds.getSpec().getNamespaceSelector();
    if (selector == null || selector.getMatchLabels().isEmpty() && selector.getMatchExpressions().isEmpty()) {
      return Optional.empty(); // every namespace: no labels to read
    }
    Optional<Map<String, String>> labels = lookup.namespaceLabels(namespace);
    if (labels.isEmpty()) {
      return Optional.of(new Outcome.CredentialsNotReady("ClusterDatadogCredentials '" + name + "': the labels of"
          + " namespace '" + namespace + "' could not be read, so its namespaceSelector cannot be checked"));
    }
    if (!LabelSelectors.matches(selector, labels.get())) {
      return Optional.of(new Outcome.CredentialsNotAllowed("ClusterDatadogCredentials '" + name
          + "' may not be used from namespace '" + namespace + "' (its namespaceSelector)"));
    }
    return Optional.empty();
  }

  /** The key pair of {@code what} (for messages) from the two Secret keys named. */
  Keys keys(String what, String apiNs, String apiName, String apiKeyName, String appNs, String appName,
      String appKeyName) {
    Optional<String> api = lookup.secretValue(apiNs, apiName, apiKeyName).map(ValueChecks::singleLine);
    Optional<String> app = lookup.secretValue(appNs, appName, appKeyName).map(ValueChecks::singleLine);
    if (api.isEmpty() || app.isEmpty()) {
      String missing = (api.isEmpty() ? "key '" + apiKeyName + "' of Secret '" + apiName + "'" : "")
          + (api.isEmpty() && app.isEmpty() ? " and " : "")
          + (app.isEmpty() ? "key '" + appKeyName + "' of Secret '" + appName + "'" : "");
      return new Keys(null, null, what + ": " + missing + " not found");
    }
    if (!plainKey(api.get()) || !plainKey(app.get())) {
      return new Keys(null, null, what + ": a key holds white space or control characters");
    }
    return new Keys(api.get(), app.get(), null);
  }

  private static boolean plainKey(String key) {
    return !key.isEmpty() && key.chars().noneMatch(c -> c <= 0x20 || c == 0x7f);
  }
}
