package io.ddwebhooks.operator.datadog;

import java.net.URI;

/**
 * A Datadog org to call: where (endpoint) and with which keys, and who it is. {@code key} is the org's identity as the
 * operator proved it (see {@code reconciler.OrgIdentities}): writes, read pacing, name claims and every other per-org
 * record are kept under it, and nothing a tenant types can make two orgs share it. {@code label} names the org in
 * metrics (a bounded set: a site's host, or an organization a cluster admin declared). Never prints a key.
 */
public record OrgTarget(URI endpoint, String key, String label, String apiKey, String appKey) {

  /** The org's endpoint as users may see it: scheme, host and port only (no user information, path or query). */
  public static String display(URI endpoint) {
    return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() == -1 ? ""
        : ":" + endpoint.getPort());
  }

  /**
   * An org as status recorded it, reduced to scheme, host and port (records of earlier versions held the whole URL);
   * never the recorded text itself, which may carry user information or a query.
   */
  public static String displayRecorded(String org) {
    if (org == null) {
      return "the default org's endpoint";
    }
    try {
      URI uri = new URI(org);
      return uri.getScheme() != null && uri.getHost() != null ? display(uri) : "(an endpoint)";
    } catch (java.net.URISyntaxException e) {
      return "(an endpoint)";
    }
  }

  /** {@link #display(URI)} of this org's endpoint. */
  public String display() {
    return display(endpoint);
  }

  /**
   * The identity earlier versions gave an org, {@code <endpoint>} or {@code <endpoint>#<organization>}: only to
   * recognise status recorded by them (upgrades), never to decide that two credentials reach the same org.
   */
  public static String legacyKeyOf(URI endpoint, String organization) {
    String base = endpoint.toString().endsWith("/") ? endpoint.toString().substring(0, endpoint.toString().length() - 1)
        : endpoint.toString();
    return organization == null || organization.isBlank() ? base : base + "#" + organization;
  }

  @Override
  public String toString() {
    return "OrgTarget[" + display() + ", " + label + "]";
  }
}
