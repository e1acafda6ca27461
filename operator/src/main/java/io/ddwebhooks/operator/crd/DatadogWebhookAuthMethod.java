package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Datadog webhook auth method (Datadog API v2): the OAuth2 client credentials Datadog uses to fetch a token before
 * it calls a receiver that wants OAuth2. Datadog knows it by an id ({@code status.id}) and a name unique in the org.
 */
@Group(DatadogWebhook.GROUP)
@Version(DatadogWebhook.VERSION)
@Plural("datadogwebhookauthmethods")
@Singular("datadogwebhookauthmethod")
@ShortNames("ddwham")
@Categories("datadog")
// printer columns in the order kubectl shows: NAME, DATADOG NAME, READY, REASON, AGE (see DatadogWebhook)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Reason", jsonPath = "..status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = "..status.conditions[?(@.type == \"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Datadog Name", jsonPath = "..remoteName", type = AdditionalPrinterColumn.Type.STRING)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@ValidationRule(
    value = "!has(self.spec) || has(self.spec.name) || size(self.metadata.name) <= 100",
    message = "metadata.name is longer than the 100 characters of a Datadog auth method name: set spec.name")
public class DatadogWebhookAuthMethod extends CustomResource<DatadogWebhookAuthMethodSpec, DatadogResourceStatus>
    implements Namespaced {

  // overridden only to give spec and status a description in the CRD (kubectl explain)
  @Override
  @JsonPropertyDescription("The Datadog webhook auth method this resource declares.")
  public DatadogWebhookAuthMethodSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the operator observed: the name and id in Datadog and the Ready condition.")
  @JsonProperty(value = "status", defaultValue = DatadogWebhook.NOT_OBSERVED)
  public DatadogResourceStatus getStatus() {
    return super.getStatus();
  }
}
