-- Health of a ddwebhooks.io credentials object, from its Ready condition (datadog-webhooks-operator).
local hs = {}
if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to check the credentials"
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
  hs.message = "Waiting for the operator to check the credentials"
  return hs
end
local message = ready.message or ""
if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = message
  return hs
end
-- the URL or the keys themselves need a person (the Stalled condition; kstatus says Failed)
local degraded = {
  URLNotAllowed = true,
  DatadogAuthFailed = true,
}
if degraded[ready.reason] then
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. message
  return hs
end
-- a key Secret not there yet (it may be created a moment later), InUse (deletion waits for the resources that use
-- it) and anything new: the operator gets there by itself (the Reconciling condition; kstatus says InProgress)
hs.status = "Progressing"
hs.message = (ready.reason or "Checking") .. ": " .. message
return hs
