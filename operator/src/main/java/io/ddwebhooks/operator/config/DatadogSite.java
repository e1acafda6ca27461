package io.ddwebhooks.operator.config;

import java.net.URI;
import java.util.List;

/** The Datadog sites the API is served from (the OpenAPI spec's site enum). */
public final class DatadogSite {

  public static final String DEFAULT = "datadoghq.com";

  public static final List<String> SITES = List.of(
      "datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com", "ap1.datadoghq.com", "ap2.datadoghq.com",
      "uk1.datadoghq.com", "datadoghq.eu", "ddog-gov.com", "us2.ddog-gov.com");

  private DatadogSite() {}

  /** https://api.SITE for a known site; a typo is refused rather than sent keys to an unknown host. */
  public static URI apiBaseUrl(String site) {
    String s = site == null || site.isBlank() ? DEFAULT : site.trim().toLowerCase();
    if (s.startsWith("api.")) {
      s = s.substring(4);
    }
    if (!SITES.contains(s)) {
      throw new ConfigException("DD_SITE '" + site + "' is not a Datadog site; use one of " + SITES
          + " (or DD_URL for a full base URL)");
    }
    return URI.create("https://api." + s);
  }

}
