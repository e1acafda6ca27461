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

/** A Datadog webhook notification channel, declared next to the app that uses it. */
@Group(DatadogWebhook.GROUP)
@Version(DatadogWebhook.VERSION)
@Plural("datadogwebhooks")
@Singular("datadogwebhook")
@ShortNames("ddwh")
@Categories("datadog")
// The CRD generator orders printer columns by JSON path, and the API server accepts only paths starting with '.'.
// These equivalent recursive paths make kubectl show: NAME, DATADOG NAME, [SECRET,] READY, REASON, AGE.
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Reason", jsonPath = "..status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = "..status.conditions[?(@.type == \"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Variables", jsonPath = "..status.conditions[?(@.type==\"VariablesResolved\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Datadog Name", jsonPath = "..remoteName", type = AdditionalPrinterColumn.Type.STRING)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@ValidationRule(
    value = "!has(self.spec) || has(self.spec.name) || !self.metadata.name.contains('.')",
    message = "metadata.name contains '.', which a Datadog webhook name cannot: set spec.name")
public class DatadogWebhook extends CustomResource<DatadogWebhookSpec, DatadogResourceStatus> implements Namespaced {

  public static final String GROUP = "ddwebhooks.io";
  public static final String VERSION = "v1alpha1";
  /**
   * The status the API server gives every kind's object until the operator writes one (a schema default, applied
   * on create and on read): observedGeneration 0 is below any generation, so kstatus (Flux, Helm 4, kpt) sees
   * InProgress, not Current, before the operator has reconciled the object, even while the operator is stopped.
   */
  public static final String NOT_OBSERVED = "{\"observedGeneration\": 0}";

  // overridden only to give spec and status a description in the CRD (kubectl explain)
  @Override
  @JsonPropertyDescription("The Datadog webhook this resource declares.")
  public DatadogWebhookSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the operator observed: the name in Datadog and the Ready condition.")
  @JsonProperty(value = "status", defaultValue = NOT_OBSERVED)
  public DatadogResourceStatus getStatus() {
    return super.getStatus();
  }
}
