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

/** A Datadog webhook custom variable, usable as $NAME in every webhook of the org. */
@Group(DatadogWebhook.GROUP)
@Version(DatadogWebhook.VERSION)
@Plural("datadogcustomvariables")
@Singular("datadogcustomvariable")
@ShortNames("ddcv")
@Categories("datadog")
// The CRD generator orders printer columns by JSON path, and the API server accepts only paths starting with '.'.
// These equivalent recursive paths make kubectl show: NAME, DATADOG NAME, [SECRET,] READY, REASON, AGE.
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Reason", jsonPath = "..status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = "..status.conditions[?(@.type == \"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Secret", jsonPath = "..spec.isSecret", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Datadog Name", jsonPath = "..remoteName", type = AdditionalPrinterColumn.Type.STRING)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
public class DatadogCustomVariable extends CustomResource<DatadogCustomVariableSpec, DatadogResourceStatus>
    implements Namespaced {

  // overridden only to give spec and status a description in the CRD (kubectl explain)
  @Override
  @JsonPropertyDescription("The Datadog custom variable this resource declares.")
  public DatadogCustomVariableSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the operator observed: the name in Datadog and the Ready condition.")
  @JsonProperty(value = "status", defaultValue = DatadogWebhook.NOT_OBSERVED)
  public DatadogResourceStatus getStatus() {
    return super.getStatus();
  }
}
