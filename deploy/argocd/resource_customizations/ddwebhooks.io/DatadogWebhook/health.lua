-- Health of a ddwebhooks.io resource, from its Ready condition (datadog-webhooks-operator).
local hs = {}
if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to reconcile"
  return hs
end
if obj.metadata ~= nil and obj.metadata.generation ~= nil and obj.status.observedGeneration ~= obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe the latest change"
  return hs
end
local ready = nil
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "Ready" then
    ready = condition
  end
end
if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to reconcile"
  return hs
end
local message = ready.message or ""
if ready.reason == "Paused" then
  hs.status = "Suspended"
  hs.message = message
  return hs
end
if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = message
  -- UNKNOWN_VARIABLES=warn: synced, but a template refers to a variable nobody knows
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "VariablesResolved" and condition.status == "False" then
      hs.message = message .. " (" .. (condition.reason or "UnknownVariable") .. ": " .. (condition.message or "") .. ")"
    end
  end
  return hs
end
-- failures that need a person: the spec, a Secret, the name, the keys, or Datadog's refusal
local degraded = {
  InvalidSpec = true,
  SecretNotFound = true,
  NameConflict = true,
  DatadogRejected = true,
  DatadogAuthFailed = true,
  DriftDetected = true,
  RemoteNotFound = true,
  InternalError = true,
  CredentialsNotFound = true,
  CredentialsNotAllowed = true,
  CredentialsNotReady = true,
  VariableNotAllowed = true,
  UnknownVariable = true,
}
if degraded[ready.reason] then
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. message
  return hs
end
-- RateLimited, DatadogUnavailable and anything new: the operator is retrying
hs.status = "Progressing"
hs.message = (ready.reason or "Reconciling") .. ": " .. message
return hs
