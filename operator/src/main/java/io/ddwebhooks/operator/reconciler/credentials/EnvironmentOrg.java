package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.datadog.OrgTarget;
import java.net.URI;

/** The default org from the operator's environment: DD_URL or DD_SITE, DD_API_KEY and DD_APP_KEY. */
public record EnvironmentOrg(URI endpoint, String apiKey, String appKey) {
  @Override
  public String toString() {
    return "EnvironmentOrg[" + OrgTarget.display(endpoint) + "]";
  }
}
