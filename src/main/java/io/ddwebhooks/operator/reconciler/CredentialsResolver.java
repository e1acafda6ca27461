package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.crd.CredentialsEndpoint;
import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.crd.RecordedCredentials;
import io.ddwebhooks.operator.datadog.OrgTarget;
import io.ddwebhooks.operator.sync.LabelSelectors;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.ValueChecks;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which Datadog org a resource uses and with which keys: its spec.credentialsRef (a DatadogCredentials of its
 * namespace, or a ClusterDatadogCredentials that selects its namespace), else the operator's default org (the
 * DD_API_KEY/DD_APP_KEY environment, or DEFAULT_CREDENTIALS). Keys are read on every resolution, so a rotated key is
 * used from the next call on; the last good keys of each credentials object are kept in memory, so that resources
 * deleted together with their credentials and key Secrets (a namespace deletion) can still delete their objects.
 */
public final class CredentialsResolver {

  public static final String DEFAULT_REF = CredentialsRefs.DEFAULT_REF;

  /** What resolution found. */
  public sealed interface Resolved permits Org, Problem {}

  /**
   * The org and keys to use, what to record in status, and {@code source}: the credentials object the keys came from
   * (its {@link CredentialsWatch} key; "default" for the environment's keys).
   */
  public record Org(OrgTarget target, RecordedCredentials record, String source) implements Resolved {}

  /** Why no org can be used; {@code permanent}: waiting will not help a deletion (the credentials are gone). */
  public record Problem(Outcome outcome, boolean permanent) implements Resolved {}

  private final CredentialsLookup lookup;
  private final CredentialsKinds kinds;
  private final OrgTarget environmentOrg;
  private final String defaultCredentials;
  private final List<String> urlAllowlist;
  private final Map<String, OrgTarget> lastGood = new ConcurrentHashMap<>();

  /** {@code environmentOrg}: the default org from the environment, or null; {@code defaultCredentials} likewise. */
  public CredentialsResolver(CredentialsLookup lookup, CredentialsKinds kinds, OrgTarget environmentOrg,
      String defaultCredentials, List<String> urlAllowlist) {
    this.lookup = lookup;
    this.kinds = kinds;
    this.environmentOrg = environmentOrg;
    this.defaultCredentials = defaultCredentials;
    this.urlAllowlist = List.copyOf(urlAllowlist);
  }

  /** Which credentials kinds can be used (and watched). */
  public CredentialsKinds kinds() {
    return kinds;
  }

  /** DEFAULT_CREDENTIALS: the ClusterDatadogCredentials that is the default org, if any. */
  public String defaultCredentials() {
    return defaultCredentials;
  }

  /** Whether {@code url} may be used by namespaced credentials (CREDENTIALS_URL_ALLOWLIST). */
  public boolean urlAllowed(String url) {
    return urlAllowlist.stream().anyMatch(url::startsWith);
  }

  /** The org identity {@code ref} points at without reading keys (for name claims), if it can be told. */
  public Optional<String> orgKeyOf(String namespace, CredentialsRef ref) {
    if (ref == null) {
      if (environmentOrg != null) {
        return Optional.of(environmentOrg.key());
      }
      return defaultCredentials == null ? Optional.empty() : lookup.cluster(defaultCredentials)
          .flatMap(c -> endpoint(c.getSpec(), true).map(e -> OrgTarget.keyOf(e, c.getSpec().getOrganization())));
    }
    if (!lookup.available()) {
      return Optional.empty();
    }
    Optional<? extends io.fabric8.kubernetes.client.CustomResource<? extends CredentialsEndpoint, ?>> creds =
        ref.getKind().equals(CredentialsRef.CLUSTER) ? lookup.cluster(ref.getName())
            : lookup.namespaced(namespace, ref.getName());
    return creds.flatMap(c -> endpoint(c.getSpec(), ref.getKind().equals(CredentialsRef.CLUSTER))
        .map(e -> OrgTarget.keyOf(e, c.getSpec().getOrganization())));
  }

  /** The org for a resource of {@code namespace} whose spec names {@code ref} (null: the default org). */
  public Resolved resolve(String namespace, CredentialsRef ref) {
    return resolve(namespace, ref, false);
  }

  /**
   * As {@link #resolve(String, CredentialsRef)}; {@code deleting}: for a resource being deleted, the last good keys
   * stand in for credentials or key Secrets that are gone (deleted together with it, say).
   */
  public Resolved resolve(String namespace, CredentialsRef ref, boolean deleting) {
    String refString = CredentialsRefs.refString(ref);
    if (ref == null) {
      if (environmentOrg != null) {
        return new Org(environmentOrg, new RecordedCredentials(DEFAULT_REF, environmentOrg.key()), DEFAULT_REF);
      }
      if (defaultCredentials == null) {
        return new Problem(new Outcome.CredentialsNotFound("there is no default Datadog org (the operator has"
            + " neither DD_API_KEY/DD_APP_KEY nor DEFAULT_CREDENTIALS): set spec.credentialsRef"), true);
      }
      return cluster(defaultCredentials, namespace, DEFAULT_REF, false, deleting);
    }
    if (!lookup.available()) {
      return new Problem(new Outcome.CredentialsNotFound("spec.credentialsRef needs the DatadogCredentials and"
          + " ClusterDatadogCredentials CRDs, which are not installed (kubectl apply -f deploy/crds)"), true);
    }
    if (ref.getKind().equals(CredentialsRef.CLUSTER)) {
      return cluster(ref.getName(), namespace, refString, true, deleting);
    }
    Optional<DatadogCredentials> found = lookup.namespaced(namespace, ref.getName());
    if (found.isEmpty()) {
      return keptOr(deleting, refString, new Outcome.CredentialsNotFound("DatadogCredentials '" + ref.getName()
          + "' not found in namespace '" + namespace + "'"), true);
    }
    DatadogCredentials creds = found.get();
    boolean terminating = creds.getMetadata().getDeletionTimestamp() != null;
    Optional<URI> endpoint = endpoint(creds.getSpec(), false);
    if (endpoint.isEmpty()) {
      return new Problem(new Outcome.CredentialsNotReady("DatadogCredentials '" + ref.getName() + "': its URL is"
          + " not allowed for namespaced credentials (the operator's CREDENTIALS_URL_ALLOWLIST)"), terminating);
    }
    return keys(refString, CredentialsWatch.namespacedKey(namespace, ref.getName()), endpoint.get(),
        creds.getSpec().getOrganization(), "DatadogCredentials '"
        + ref.getName() + "'", namespace, creds.getSpec().getApiKeySecretRef().getName(),
        creds.getSpec().getApiKeySecretRef().getKey(), namespace, creds.getSpec().getAppKeySecretRef().getName(),
        creds.getSpec().getAppKeySecretRef().getKey(), terminating, deleting);
  }

  private Resolved cluster(String name, String namespace, String refString, boolean selectorApplies,
      boolean deleting) {
    Optional<ClusterDatadogCredentials> found = lookup.available() ? lookup.cluster(name) : Optional.empty();
    if (found.isEmpty()) {
      return keptOr(deleting, refString, new Outcome.CredentialsNotFound("ClusterDatadogCredentials '" + name
          + "' not found" + (refString.equals(DEFAULT_REF) ? " (the operator's DEFAULT_CREDENTIALS)" : "")), true);
    }
    ClusterDatadogCredentials creds = found.get();
    if (selectorApplies && !LabelSelectors.matches(creds.getSpec().getNamespaceSelector(),
        lookup.namespaceLabels(namespace))) {
      return new Problem(new Outcome.CredentialsNotAllowed("ClusterDatadogCredentials '" + name
          + "' may not be used from namespace '" + namespace + "' (its namespaceSelector)"), false);
    }
    var spec = creds.getSpec();
    return keys(refString, CredentialsWatch.clusterKey(name), endpoint(spec, true).orElseThrow(),
        spec.getOrganization(),
        "ClusterDatadogCredentials '" + name + "'", spec.getApiKeySecretRef().getNamespace(),
        spec.getApiKeySecretRef().getName(), spec.getApiKeySecretRef().getKey(),
        spec.getAppKeySecretRef().getNamespace(), spec.getAppKeySecretRef().getName(),
        spec.getAppKeySecretRef().getKey(), creds.getMetadata().getDeletionTimestamp() != null, deleting);
  }

  private Resolved keys(String refString, String source, URI endpoint, String organization, String what,
      String apiNs,
      String apiName, String apiKeyName, String appNs, String appName, String appKeyName, boolean terminating,
      boolean deleting) {
    Optional<String> api = lookup.secretValue(apiNs, apiName, apiKeyName).map(ValueChecks::singleLine);
    Optional<String> app = lookup.secretValue(appNs, appName, appKeyName).map(ValueChecks::singleLine);
    if (api.isEmpty() || app.isEmpty()) {
      String missing = api.isEmpty() ? "key '" + apiKeyName + "' of Secret '" + apiName + "'"
          : "key '" + appKeyName + "' of Secret '" + appName + "'";
      return keptOr(deleting, refString, new Outcome.CredentialsNotReady(what + ": " + missing + " not found"),
          terminating);
    }
    if (!plainKey(api.get()) || !plainKey(app.get())) {
      return new Problem(new Outcome.CredentialsNotReady(what + ": a key holds white space or control characters"),
          terminating);
    }
    OrgTarget target = new OrgTarget(endpoint, organization, api.get(), app.get());
    lastGood.put(refString, target);
    return new Org(target, new RecordedCredentials(refString, target.key()), source);
  }

  /** The last good keys of {@code refString} when its credentials or keys are gone (in memory only). */
  private Resolved keptOr(boolean deleting, String refString, Outcome problem, boolean permanent) {
    OrgTarget kept = deleting ? lastGood.get(refString) : null;
    if (kept != null) {
      return new Org(kept, new RecordedCredentials(refString, kept.key()), refString);
    }
    return new Problem(problem, permanent);
  }

  private Optional<URI> endpoint(CredentialsEndpoint spec, boolean clusterScoped) {
    if (spec.getSite() != null) {
      return Optional.of(URI.create("https://api." + spec.getSite()));
    }
    String url = spec.getUrl();
    if (url == null) {
      return Optional.empty();
    }
    if (!clusterScoped && !urlAllowed(url)) {
      return Optional.empty();
    }
    return Optional.of(URI.create(url));
  }

  private static boolean plainKey(String key) {
    return !key.isEmpty() && key.chars().noneMatch(c -> c <= 0x20 || c == 0x7f);
  }
}
