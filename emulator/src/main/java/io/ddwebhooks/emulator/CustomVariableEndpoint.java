package io.ddwebhooks.emulator;

import static io.ddwebhooks.emulator.Json.isText;
import static io.ddwebhooks.emulator.Json.parseObject;

import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/integration/webhooks/configuration/custom-variables}: create, get, update (renames included) and
 * delete; a secret variable's value is stored but never answered.
 */
final class CustomVariableEndpoint {

  private static final Pattern NAME = Pattern.compile("^[A-Z0-9_]+$");

  private CustomVariableEndpoint() {}

  /** Field order as the API answered in 2023. */
  static ObjectNode variableObject(String name, String value, boolean secret) {
    ObjectNode v = Json.MAPPER.createObjectNode();
    v.put("name", name);
    v.put("is_secret", secret);
    v.put("value", value);
    return v;
  }

  /** A variable as the API answers it: the value key is absent for a secret. */
  static ObjectNode visible(ObjectNode stored) {
    ObjectNode v = stored.deepCopy();
    if (v.path("is_secret").asBoolean()) {
      v.remove("value");
    }
    return v;
  }

  private static boolean isBoolean(ObjectNode in, String field) {
    return in.has(field) && in.get(field).getNodeType() == JsonNodeType.BOOLEAN;
  }

  static Answer create(OrgStore org, String body) {
    ObjectNode in = parseObject(body).orElse(null);
    if (in == null || !isText(in, "name") || !isText(in, "value") || !isBoolean(in, "is_secret")) {
      return Answer.error(400, "Invalid custom variable");
    }
    String name = in.get("name").asText();
    if (!NAME.matcher(name).matches()) {
      return Answer.error(400, "Invalid custom variable name");
    }
    synchronized (org) {
      if (org.variables.containsKey(name)) {
        return Answer.error(400, "Custom variable already exists");
      }
      ObjectNode v = variableObject(name, in.get("value").asText(), in.get("is_secret").asBoolean());
      org.variables.put(name, v);
      return Answer.created(visible(v), DatadogEmulator.VARIABLES + "/" + name);
    }
  }

  static Answer get(OrgStore org, String name) {
    synchronized (org) {
      ObjectNode v = org.variables.get(name);
      return v == null ? Answer.error(404, "Custom variable does not exist") : Answer.json(200, visible(v));
    }
  }

  static Answer update(OrgStore org, String name, String body) {
    synchronized (org) {
      ObjectNode current = org.variables.get(name);
      if (current == null) {
        return Answer.error(404, "Custom variable does not exist");
      }
      ObjectNode in = parseObject(body).orElse(null);
      if (in == null || (in.has("name") && !isText(in, "name")) || (in.has("value") && !isText(in, "value"))
          || (in.has("is_secret") && !isBoolean(in, "is_secret"))) {
        return Answer.error(400, "Invalid custom variable");
      }
      String newName = in.has("name") ? in.get("name").asText() : name;
      if (!NAME.matcher(newName).matches()) {
        return Answer.error(400, "Invalid custom variable name");
      }
      if (!newName.equals(name) && org.variables.containsKey(newName)) {
        return Answer.error(400, "Custom variable already exists");
      }
      ObjectNode next = current.deepCopy();
      next.put("name", newName);
      if (in.has("value")) {
        next.put("value", in.get("value").asText());
      }
      if (in.has("is_secret")) {
        next.put("is_secret", in.get("is_secret").asBoolean());
      }
      org.variables.remove(name);
      org.variables.put(newName, next);
      return Answer.json(200, visible(next));
    }
  }

  /** {@code legacyNotFound}: a missing variable answers 400, as before 2022, instead of 404. */
  static Answer delete(OrgStore org, String name, boolean legacyNotFound) {
    synchronized (org) {
      if (org.variables.remove(name) == null) {
        return Answer.error(legacyNotFound ? 400 : 404, "Custom variable does not exist");
      }
      return Answer.deleted();
    }
  }
}
