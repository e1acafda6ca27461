package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Where a Datadog org is (a site or a full URL) and, optionally, which org it is: the fields both kinds share. */
public abstract class CredentialsEndpoint {

  public static final String SITE_PATTERN = "^(datadoghq\\.com|us3\\.datadoghq\\.com|us5\\.datadoghq\\.com"
      + "|ap1\\.datadoghq\\.com|ap2\\.datadoghq\\.com|uk1\\.datadoghq\\.com|datadoghq\\.eu|ddog-gov\\.com"
      + "|us2\\.ddog-gov\\.com)$";

  @Pattern(SITE_PATTERN)
  @JsonPropertyDescription("The Datadog site: datadoghq.com, us3.datadoghq.com, us5.datadoghq.com,"
      + " ap1.datadoghq.com, ap2.datadoghq.com, uk1.datadoghq.com, datadoghq.eu, ddog-gov.com or us2.ddog-gov.com."
      + " Exactly one of site and url.")
  private String site;

  @Pattern("^https?://.+$")
  @Size(max = 2048)
  @JsonPropertyDescription("A full base URL of the Datadog API (a proxy, an emulator). Exactly one of site and url."
      + " No query or fragment. In a namespaced DatadogCredentials it must match an entry of the operator's"
      + " CREDENTIALS_URL_ALLOWLIST (scheme, host and port compared exactly) and carry no user information.")
  private String url;

  @Pattern("^[A-Za-z0-9._-]{1,64}$")
  @JsonPropertyDescription("On a ClusterDatadogCredentials: a cluster admin's declaration that every"
      + " ClusterDatadogCredentials with the same site or URL and this organization reaches one Datadog org, whatever"
      + " their keys (one write queue, shared name claims). Without it, two credentials are one org only when they"
      + " hold the same API key. On a DatadogCredentials it is informational: a namespace cannot declare which org"
      + " its keys reach, the operator tells by the keys.")
  private String organization;

  public String getSite() {
    return site;
  }

  public void setSite(String site) {
    this.site = site;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getOrganization() {
    return organization;
  }

  public void setOrganization(String organization) {
    this.organization = organization;
  }
}
