package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Observed state shared by both kinds: what exists in Datadog and whether it matches the spec. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class DatadogResourceStatus {

  @JsonPropertyDescription("The metadata.generation that the conditions describe.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Name of the object in Datadog as it exists now; the identity used for updates, renames and deletion."
          + " Empty until the operator has created (and so owns) the object.")
  private String remoteName;

  @JsonPropertyDescription(
      "DatadogWebhookAuthMethod only: Datadog's id of the auth method (a UUID), which stays the same through renames."
          + " Changes only when the object had to be created again.")
  private String id;

  @JsonPropertyDescription(
      "A name the operator is creating or renaming to, recorded before the write so that an object found after a"
          + " crash is recognised as its own.")
  private String pendingName;

  @JsonPropertyDescription(
      "Keyed HMAC of what was sent under pendingName: the object found there after a crash or a lost answer is taken"
          + " for this resource's only when it holds exactly that, so a name someone else holds is never taken over.")
  private String pendingFingerprint;

  public String getPendingFingerprint() {
    return pendingFingerprint;
  }

  public void setPendingFingerprint(String pendingFingerprint) {
    this.pendingFingerprint = pendingFingerprint;
  }

  @JsonPropertyDescription("When the operator last wrote this object to Datadog.")
  private String lastAppliedTime;

  @JsonPropertyDescription("How many times the operator restored the object after a change made outside Kubernetes.")
  private Integer driftCorrections;

  @JsonPropertyDescription("When the operator last restored the object after a change made outside Kubernetes.")
  private String lastDriftCorrectionTime;

  @JsonPropertyDescription("Ready condition with a machine-readable reason (Synced, InvalidSpec, SecretNotFound, ...).")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("resourceVersion of each referenced Secret when its values were last applied.")
  private Map<String, String> secretVersions = new TreeMap<>();

  @JsonPropertyDescription(
      "HMAC of the desired object last applied to Datadog, keyed with a key only the operator holds (v2:<key id>:"
          + "<salt>:<mac>); never a secret value, and no one who reads the status can test guesses against it.")
  private String appliedFingerprint;

  @JsonPropertyDescription("Keyed HMAC of the desired object Datadog last refused (400); not retried until it changes.")
  private String rejectedFingerprint;

  @JsonPropertyDescription("The credentials and the Datadog org the object lives in. Absent on objects written before"
      + " several orgs were supported: they live in the default org.")
  private RecordedCredentials credentials;

  public RecordedCredentials getCredentials() {
    return credentials;
  }

  public void setCredentials(RecordedCredentials credentials) {
    this.credentials = credentials;
  }

  @JsonPropertyDescription("A move to another Datadog org under way: the org and name of the object being moved"
      + " away from. Recorded before the object is created in the new org, cleared once the old one is deleted.")
  private OrgMove movingFrom;

  @JsonPropertyDescription("A copy left in an org the resource moved away from, because that org could no longer be"
      + " reached (its credentials or keys are gone): delete it by hand, then remove this field or let the next move"
      + " replace it.")
  private OrgMove oldCopy;

  public OrgMove getMovingFrom() {
    return movingFrom;
  }

  public void setMovingFrom(OrgMove movingFrom) {
    this.movingFrom = movingFrom;
  }

  public OrgMove getOldCopy() {
    return oldCopy;
  }

  public void setOldCopy(OrgMove oldCopy) {
    this.oldCopy = oldCopy;
  }

  @JsonPropertyDescription("DatadogCustomVariable only: whether the variable was last applied as secret. With"
      + " spec.isSecret unset, the operator keeps this, so a default chosen at creation never flips later.")
  private Boolean appliedIsSecret;

  public Boolean getAppliedIsSecret() {
    return appliedIsSecret;
  }

  public void setAppliedIsSecret(Boolean appliedIsSecret) {
    this.appliedIsSecret = appliedIsSecret;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getRemoteName() {
    return remoteName;
  }

  public void setRemoteName(String remoteName) {
    this.remoteName = remoteName;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getPendingName() {
    return pendingName;
  }

  public void setPendingName(String pendingName) {
    this.pendingName = pendingName;
  }

  public String getLastAppliedTime() {
    return lastAppliedTime;
  }

  public void setLastAppliedTime(String lastAppliedTime) {
    this.lastAppliedTime = lastAppliedTime;
  }

  public Integer getDriftCorrections() {
    return driftCorrections;
  }

  public void setDriftCorrections(Integer driftCorrections) {
    this.driftCorrections = driftCorrections;
  }

  public String getLastDriftCorrectionTime() {
    return lastDriftCorrectionTime;
  }

  public void setLastDriftCorrectionTime(String lastDriftCorrectionTime) {
    this.lastDriftCorrectionTime = lastDriftCorrectionTime;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  public Map<String, String> getSecretVersions() {
    return secretVersions;
  }

  public void setSecretVersions(Map<String, String> secretVersions) {
    this.secretVersions = secretVersions == null ? new TreeMap<>() : new TreeMap<>(secretVersions);
  }

  public String getAppliedFingerprint() {
    return appliedFingerprint;
  }

  public void setAppliedFingerprint(String appliedFingerprint) {
    this.appliedFingerprint = appliedFingerprint;
  }

  public String getRejectedFingerprint() {
    return rejectedFingerprint;
  }

  public void setRejectedFingerprint(String rejectedFingerprint) {
    this.rejectedFingerprint = rejectedFingerprint;
  }
}
