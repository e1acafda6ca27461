package io.ddwebhooks.operator.datadog;

import java.net.http.HttpClient;
import java.time.Duration;

/** Makes the client of each Datadog org the operator reaches: HTTP in production, the emulator's seam in tests. */
@FunctionalInterface
public interface DatadogClients {

  WebhooksIntegrationApi client(OrgTarget org);

  /** HTTP clients sharing one JDK client; each call is reported to {@code observer} with the org's label. */
  static DatadogClients http(Duration requestTimeout, String userAgent, CallObserver observer) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return org -> new HttpWebhooksIntegrationApi(org.endpoint(), org.apiKey(), org.appKey(), requestTimeout,
        userAgent, observer, org.label(), http);
  }
}
