package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.crd.RecordedCredentials;
import io.ddwebhooks.operator.datadog.OrgTarget;
import io.ddwebhooks.operator.sync.Fingerprints;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a Datadog org is, in a form no tenant can forge. An org is its endpoint plus its API key (an API key belongs to
 * one org, and nobody can present another org's key without holding it), or, for ClusterDatadogCredentials, the
 * organization a cluster admin declared. Both go into status only as keyed digests (the operator's fingerprint key):
 * {@code <keyId>:<org digest>:<endpoint digest>}. Nothing a tenant types (a name, a URL, an organization of its own
 * credentials) can make two orgs look like one.
 *
 * <p>Two records are the same org when their org digests are equal, or when they were made through the same
 * credentials object (its uid) at the same endpoint: a key rotated in that object's Secret is the same org, as its
 * owner says it is; and the owner could reach any org it holds keys for anyway.
 */
public final class OrgIdentities {

  /** What an identity is made of, for one resolved org (never stored, never printed: it holds the API key). */
  record Material(URI endpoint, String apiKey, String declaredOrganization) {

    String org() {
      return "org\n" + endpoint + "\n" + (declaredOrganization != null ? "declared\n" + declaredOrganization
          : "key\n" + apiKey);
    }

    String endpointText() {
      return "endpoint\n" + endpoint;
    }

    @Override
    public String toString() {
      return "Material[" + OrgTarget.display(endpoint) + "]";
    }
  }

  private final Fingerprints keys;

  OrgIdentities(Fingerprints keys) {
    this.keys = keys;
  }

  /** The identity to record for {@code material}, with the current key. */
  String identity(Material material) {
    String org = keys.tag(material.org());
    String endpoint = keys.tag(material.endpointText());
    return org + ":" + endpoint.substring(endpoint.indexOf(':') + 1);
  }

  /** The status record of an org resolved through {@code ref} (credentials {@code uid}; null: the environment). */
  RecordedCredentials record(String ref, String uid, Material material) {
    return new RecordedCredentials(ref, OrgTarget.display(material.endpoint()), uid,
        identity(material));
  }

  /** The key per-org state is kept under: the org digest with the current key (equal for one org, whatever object). */
  String orgKey(Material material) {
    return keys.tag(material.org());
  }

  /**
   * Whether {@code recorded} (a status record, perhaps from before a key rotation, perhaps from an earlier version)
   * names the org that {@code uid} and {@code material} reach now; {@code legacyKey} and {@code ref} recognise records
   * of earlier versions, which named an org by its endpoint and organization only.
   */
  boolean same(RecordedCredentials recorded, String ref, String uid, String display, Material material,
      String legacyKey) {
    if (recorded == null) {
      return false;
    }
    String identity = recorded.getIdentity();
    if (identity == null) {
      // written by an earlier version: only through the very same credentials reference, at the same place
      return Objects.equals(recorded.getRef(), ref) && Objects.equals(recorded.getOrg(), legacyKey);
    }
    String[] parts = identity.split(":", -1);
    if (parts.length != 3) {
      return false;
    }
    // the same credentials object (uid), or both the operator's environment keys (no uid)
    boolean sameObject = Objects.equals(recorded.getUid(), uid);
    Optional<Boolean> sameOrg = keys.tagMatches(parts[0] + ":" + parts[1], material.org());
    if (sameOrg.isEmpty()) {
      // made with a fingerprint key no longer held: the operator's own record of the same object and place
      return sameObject && Objects.equals(recorded.getOrg(), display);
    }
    return sameOrg.get() || sameObject
        && keys.tagMatches(parts[0] + ":" + parts[2], material.endpointText()).orElse(false);
  }
}
