package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.config.UrlAllowlist;
import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.crd.RecordedCredentials;
import io.ddwebhooks.operator.datadog.OrgTarget;
import io.ddwebhooks.operator.sync.Fingerprints;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.Redactor;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Which Datadog org a resource uses and with which keys: its spec.credentialsRef (a DatadogCredentials of its
 * namespace, or a ClusterDatadogCredentials that selects its namespace), else the default org (the environment's keys
 * or DEFAULT_CREDENTIALS). Keys are read on every resolution (a rotation applies at once). Every resolution says who
 * the org is ({@link OrgIdentities}); status is acted on only in the org it names ({@link LastGoodKeys} included).
 */
public final class CredentialsResolver {

  public static final String DEFAULT_REF = CredentialsRefs.DEFAULT_REF;

  /** What resolution found. */
  public sealed interface Resolved permits Org, Problem {}

  /**
   * The org and keys to use, what to record in status, and {@code source}: the credentials object the keys came from
   * (its {@link CredentialsWatch} key; "default" for the environment's keys). The rest is how its identity is made,
   * for {@link #sameOrg}; it holds the API key and is never printed.
   */
  public record Org(OrgTarget target, RecordedCredentials record, String source, OrgIdentities.Material material,
      String legacyKey) implements Resolved {}

  /** Why no org can be used; {@code permanent}: waiting will not help a deletion (the credentials are gone). */
  public record Problem(Outcome outcome, boolean permanent) implements Resolved {}

  private final CredentialsLookup lookup;
  private final CredentialsKinds kinds;
  private final EnvironmentOrg environment;
  private final String defaultCredentials;
  private final CredentialKeys reader;
  private final OrgIdentities identities;
  private final LastGoodKeys lastGood = new LastGoodKeys();

  /** {@code environment}: the default org from the environment, or null; {@code defaultCredentials} likewise. */
  public CredentialsResolver(CredentialsLookup lookup, CredentialsKinds kinds, EnvironmentOrg environment,
      String defaultCredentials, UrlAllowlist urlAllowlist, Fingerprints fingerprints) {
    this.lookup = lookup;
    this.kinds = kinds;
    this.environment = environment;
    this.defaultCredentials = defaultCredentials;
    this.reader = new CredentialKeys(lookup, urlAllowlist);
    this.identities = new OrgIdentities(fingerprints);
  }

  /** Which credentials kinds can be used (and watched). */
  public CredentialsKinds kinds() {
    return kinds;
  }

  /** DEFAULT_CREDENTIALS: the ClusterDatadogCredentials that is the default org, if any. */
  public String defaultCredentials() {
    return defaultCredentials;
  }

  /** Why {@code url} may not be used by a DatadogCredentials (CREDENTIALS_URL_ALLOWLIST), or empty. */
  public Optional<String> namespacedUrlProblem(String url) {
    return reader.urlProblem(url);
  }

  /** Scrubs the Datadog keys resources of {@code namespace} may use: the environment's, and see LastGoodKeys. */
  public Redactor knownKeys(String namespace) {
    Redactor env = environment == null ? Redactor.none()
        : Redactor.of(List.of(environment.apiKey(), environment.appKey()));
    return env.and(lastGood.usableIn(namespace));
  }

  /** The org for a resource of {@code namespace} whose spec names {@code ref} (null: the default org). */
  public Resolved resolve(String namespace, CredentialsRef ref) {
    return resolve(namespace, ref, null);
  }

  /**
   * The org a status record names: through the credentials it records as {@code namespace} may use them today (or
   * their last good keys), and a {@link Problem} unless they still reach that very org.
   */
  public Resolved resolveRecorded(String namespace, RecordedCredentials recorded) {
    Resolved now = resolve(namespace, CredentialsRefs.parseRef(recorded.getRef()), recorded);
    if (now instanceof Org org && !sameOrg(recorded, org)) {
      return new Problem(new Outcome.CredentialsNotReady(CredentialsRefs.describe(recorded.getRef())
          + " now reach another Datadog org than the one at " + OrgTarget.displayRecorded(recorded.getOrg())
          + " that the object was written to:"
          + " nothing is done there. Point them back at that org, or set deletionPolicy: Orphan to leave the object"),
          false);
    }
    return now;
  }

  /** Whether {@code recorded} names the org {@code current} reaches (see {@link OrgIdentities}). */
  public boolean sameOrg(RecordedCredentials recorded, Org current) {
    return identities.same(recorded, current.record().getRef(), current.record().getUid(),
        current.record().getOrg(), current.material(), current.legacyKey());
  }

  private Resolved resolve(String namespace, CredentialsRef ref, RecordedCredentials deleting) {
    String refString = CredentialsRefs.refString(ref);
    if (ref == null) {
      if (environment != null) {
        var material = new OrgIdentities.Material(environment.endpoint(), environment.apiKey(), null);
        return org(refString, null, material, environment.endpoint().getHost(), environment.appKey(),
            OrgTarget.legacyKeyOf(environment.endpoint(), null), DEFAULT_REF);
      }
      if (defaultCredentials == null) {
        return new Problem(new Outcome.CredentialsNotFound("there is no default Datadog org (the operator has"
            + " neither DD_API_KEY/DD_APP_KEY nor DEFAULT_CREDENTIALS): set spec.credentialsRef"), true);
      }
      return cluster(defaultCredentials, namespace, DEFAULT_REF, deleting);
    }
    if (!lookup.available()) {
      return new Problem(new Outcome.CredentialsNotFound("spec.credentialsRef needs the DatadogCredentials and"
          + " ClusterDatadogCredentials CRDs, which are not installed (kubectl apply -f deploy/crds)"), true);
    }
    if (ref.getKind().equals(CredentialsRef.CLUSTER)) {
      return cluster(ref.getName(), namespace, refString, deleting);
    }
    String anchor = CredentialsRef.NAMESPACED + "/" + namespace + "/" + ref.getName();
    Optional<DatadogCredentials> found = lookup.namespaced(namespace, ref.getName());
    if (found.isEmpty()) {
      return keptOr(deleting, anchor, new Outcome.CredentialsNotFound("DatadogCredentials '" + ref.getName()
          + "' not found in namespace '" + namespace + "'"), true);
    }
    DatadogCredentials creds = found.get();
    boolean terminating = creds.getMetadata().getDeletionTimestamp() != null;
    var spec = creds.getSpec();
    Optional<URI> endpoint = reader.endpoint(spec, false);
    if (endpoint.isEmpty()) {
      return new Problem(new Outcome.CredentialsNotReady("DatadogCredentials '" + ref.getName() + "': its URL is"
          + " not allowed for namespaced credentials (the operator's CREDENTIALS_URL_ALLOWLIST)"), terminating);
    }
    CredentialKeys.Keys keys = reader.keys("DatadogCredentials '" + ref.getName() + "'", namespace,
        spec.getApiKeySecretRef().getName(), spec.getApiKeySecretRef().getKey(), namespace,
        spec.getAppKeySecretRef().getName(), spec.getAppKeySecretRef().getKey());
    if (keys.problem() != null) {
      return keptOr(deleting, anchor, new Outcome.CredentialsNotReady(keys.problem()), terminating);
    }
    // a namespace cannot declare which org its keys reach: the keys tell
    OrgIdentities.Material material = new OrgIdentities.Material(endpoint.get(), keys.api(), null);
    return lastGood.remember(anchor, creds.getMetadata().getUid(), org(refString, creds.getMetadata().getUid(),
        material, endpoint.get().getHost(), keys.app(),
        OrgTarget.legacyKeyOf(endpoint.get(), spec.getOrganization()), CredentialsWatch.namespacedKey(namespace,
            ref.getName())));
  }

  /** A cluster credentials object, for a namespace its selector admits (the default credentials included). */
  private Resolved cluster(String name, String namespace, String refString, RecordedCredentials deleting) {
    String anchor = CredentialsRef.CLUSTER + "/" + name;
    Optional<ClusterDatadogCredentials> found = lookup.available() ? lookup.cluster(name) : Optional.empty();
    if (found.isEmpty()) {
      return keptOr(deleting, anchor, new Outcome.CredentialsNotFound("ClusterDatadogCredentials '" + name
          + "' not found" + (refString.equals(DEFAULT_REF) ? " (the operator's DEFAULT_CREDENTIALS)" : "")), true);
    }
    ClusterDatadogCredentials creds = found.get();
    boolean terminating = creds.getMetadata().getDeletionTimestamp() != null;
    Optional<Outcome> refused = reader.refused(creds, namespace);
    if (refused.isPresent()) {
      return new Problem(refused.get(), false);
    }
    var spec = creds.getSpec();
    Optional<URI> endpoint = reader.endpoint(spec, true);
    if (endpoint.isEmpty()) {
      return new Problem(new Outcome.CredentialsNotReady("ClusterDatadogCredentials '" + name + "': spec.url is not"
          + " a base URL (http or https, a host, no query or fragment)"), terminating);
    }
    CredentialKeys.Keys keys = reader.keys("ClusterDatadogCredentials '" + name + "'",
        spec.getApiKeySecretRef().getNamespace(), spec.getApiKeySecretRef().getName(),
        spec.getApiKeySecretRef().getKey(), spec.getAppKeySecretRef().getNamespace(),
        spec.getAppKeySecretRef().getName(), spec.getAppKeySecretRef().getKey());
    if (keys.problem() != null) {
      return keptOr(deleting, anchor, new Outcome.CredentialsNotReady(keys.problem()), terminating);
    }
    String declared = spec.getOrganization() == null || spec.getOrganization().isBlank() ? null
        : spec.getOrganization();
    OrgIdentities.Material material = new OrgIdentities.Material(endpoint.get(), keys.api(), declared);
    return lastGood.remember(anchor, creds.getMetadata().getUid(), org(refString, creds.getMetadata().getUid(),
        material, declared != null ? declared : endpoint.get().getHost(), keys.app(),
        OrgTarget.legacyKeyOf(endpoint.get(), spec.getOrganization()), CredentialsWatch.clusterKey(name)));
  }

  private Org org(String refString, String uid, OrgIdentities.Material material, String label, String appKey,
      String legacyKey, String source) {
    return new Org(new OrgTarget(material.endpoint(), identities.orgKey(material), label, material.apiKey(), appKey),
        identities.record(refString, uid, material), source, material, legacyKey);
  }

  /** For a deletion whose credentials or keys are gone: the last good keys of the very object recorded. */
  private Resolved keptOr(RecordedCredentials deleting, String anchor, Outcome problem, boolean permanent) {
    Optional<Org> kept = deleting == null ? Optional.empty() : lastGood.of(anchor, deleting);
    if (kept.isPresent()) {
      return kept.get();
    }
    return new Problem(problem, permanent);
  }
}
