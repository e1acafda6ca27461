package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Observed state of a credentials object: whether it can be used, where it points, and how many use it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class CredentialsStatus {

  @JsonPropertyDescription("The metadata.generation that the conditions describe.")
  private Long observedGeneration;

  @JsonPropertyDescription("Ready condition; reasons Ready, SecretNotFound, URLNotAllowed, DatadogAuthFailed.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The site or URL these credentials reach.")
  private String endpoint;

  @JsonPropertyDescription("How many DatadogWebhook and DatadogCustomVariable resources use these credentials.")
  private Integer usedBy;

  @JsonPropertyDescription("resourceVersion of each key Secret when last checked; a change re-runs its users.")
  private Map<String, String> secretVersions = new TreeMap<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public Integer getUsedBy() {
    return usedBy;
  }

  public void setUsedBy(Integer usedBy) {
    this.usedBy = usedBy;
  }

  public Map<String, String> getSecretVersions() {
    return secretVersions;
  }

  public void setSecretVersions(Map<String, String> secretVersions) {
    this.secretVersions = secretVersions == null ? new TreeMap<>() : new TreeMap<>(secretVersions);
  }
}
