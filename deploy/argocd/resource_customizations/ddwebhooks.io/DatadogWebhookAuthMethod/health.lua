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
-- a write or a move to another org under way (the status the operator writes before it; kstatus: InProgress)
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "Reconciling" and condition.status == "True" and ready.status == "True" then
    hs.status = "Progressing"
    hs.message = (condition.reason or "Reconciling") .. ": " .. (condition.message or "")
    return hs
  end
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
-- what only a person can fix (the operator's Stalled condition; kstatus, Flux and Helm 4 say Failed): the spec, the
-- name, the keys, Datadog's refusal, a variable or credentials this namespace may not use, an observe-only report
local degraded = {
  InvalidSpec = true,
  NameConflict = true,
  DatadogRejected = true,
  DatadogAuthFailed = true,
  DriftDetected = true,
  RemoteNotFound = true,
  CredentialsNotAllowed = true,
  VariableNotAllowed = true,
  UnknownVariable = true,
}
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "Stalled" and condition.status == "True" then
    degraded[ready.reason] = true
  end
end
if degraded[ready.reason] then
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. message
  return hs
end
-- the operator gets there by itself (its Reconciling condition; kstatus says InProgress): RateLimited,
-- DatadogUnavailable, InternalError (retried), a Secret or credentials not there yet (an external-secrets controller
-- may create them a moment later), and anything new
hs.status = "Progressing"
hs.message = (ready.reason or "Reconciling") .. ": " .. message
return hs
