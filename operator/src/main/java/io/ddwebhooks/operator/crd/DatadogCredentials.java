package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Datadog org (site or URL) and the Secrets holding its API and application keys, for the DatadogWebhook and
 * DatadogCustomVariable resources of its namespace (spec.credentialsRef).
 */
@Group(DatadogWebhook.GROUP)
@Version(DatadogWebhook.VERSION)
@Plural("datadogcredentials")
@ShortNames("ddcreds")
@Categories("datadog")
// The CRD generator orders printer columns by JSON path: these equivalent paths make kubectl show
// NAME, SITE/URL, READY, USED BY, AGE.
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Used By", jsonPath = "..usedBy", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = "..status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Site/URL", jsonPath = "..endpoint", type = AdditionalPrinterColumn.Type.STRING)
public class DatadogCredentials extends CustomResource<DatadogCredentialsSpec, CredentialsStatus> implements Namespaced {

  // overridden only to give spec and status a description in the CRD (kubectl explain)
  @Override
  @JsonPropertyDescription("Where the Datadog org is and which Secrets hold its keys.")
  public DatadogCredentialsSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Whether the credentials can be used, where they point, and how many resources use them.")
  @JsonProperty(value = "status", defaultValue = DatadogWebhook.NOT_OBSERVED)
  public CredentialsStatus getStatus() {
    return super.getStatus();
  }
}
