package io.ddwebhooks.operator.datadog;

import java.net.URI;

/**
 * A Datadog org to call: where (endpoint), which org (an id the admin chose, optional), and the keys. Writes are
 * serialised per {@link #key()}: the endpoint, plus the organization id when one is declared, so that credentials
 * that do not say which org they reach share their endpoint's queue (safe by default). Never prints a key.
 */
public record OrgTarget(URI endpoint, String organization, String apiKey, String appKey) {

  /** The org's identity: {@code <endpoint>} or {@code <endpoint>#<organization>}. */
  public String key() {
    return keyOf(endpoint, organization);
  }

  public static String keyOf(URI endpoint, String organization) {
    String base = endpoint.toString().endsWith("/") ? endpoint.toString().substring(0, endpoint.toString().length() - 1)
        : endpoint.toString();
    return organization == null || organization.isBlank() ? base : base + "#" + organization;
  }

  /** The metrics label: the organization id, else the endpoint (never a key). */
  public String label() {
    return organization != null && !organization.isBlank() ? organization : endpoint.getHost();
  }

  @Override
  public String toString() {
    return "OrgTarget[" + key() + "]";
  }
}
