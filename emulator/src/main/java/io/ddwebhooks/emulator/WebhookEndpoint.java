package io.ddwebhooks.emulator;

import static io.ddwebhooks.emulator.Json.isText;
import static io.ddwebhooks.emulator.Json.parseObject;
import static io.ddwebhooks.emulator.Json.textOrNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/integration/webhooks/configuration/webhooks}: create, get, update (renames included) and delete, with
 * the server's defaults (the default payload, {@code encode_as: json}) and its errors as recorded.
 */
final class WebhookEndpoint {

  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]+$");

  private WebhookEndpoint() {}

  /** Field order as the API answered in 2024-2025, auth_method_id included. */
  static ObjectNode webhookObject(String name, String url, String payload, String headers, String encodeAs) {
    ObjectNode w = Json.MAPPER.createObjectNode();
    w.put("name", name);
    w.put("payload", payload);
    w.put("custom_headers", headers);
    w.put("encode_as", encodeAs);
    w.put("url", url);
    w.putNull("auth_method_id");
    return w;
  }

  static Answer create(OrgStore org, String body) {
    ObjectNode in = parseObject(body).orElse(null);
    if (in == null || !isText(in, "name") || !isText(in, "url") || !validFields(in)) {
      return Answer.error(400, "Invalid webhook");
    }
    String name = in.get("name").asText();
    if (!NAME.matcher(name).matches()) {
      return Answer.error(400, "Invalid webhook");
    }
    synchronized (org) {
      if (org.webhooks.containsKey(name)) {
        return Answer.error(400, "Webhook already exists");
      }
      String payload = textOrNull(in, "payload");
      String headers = textOrNull(in, "custom_headers");
      ObjectNode w = webhookObject(name, in.get("url").asText(), payload == null ? DatadogEmulator.DEFAULT_PAYLOAD
          : payload, headers == null || headers.isEmpty() ? null : headers, in.hasNonNull("encode_as")
              ? in.get("encode_as").asText() : "json");
      org.webhooks.put(name, w);
      return Answer.created(w, DatadogEmulator.WEBHOOKS + "/" + name);
    }
  }

  static Answer get(OrgStore org, String name) {
    synchronized (org) {
      ObjectNode w = org.webhooks.get(name);
      return w == null ? Answer.error(404, "Webhook does not exist") : Answer.json(200, w);
    }
  }

  static Answer update(OrgStore org, String name, String body) {
    synchronized (org) {
      ObjectNode current = org.webhooks.get(name);
      if (current == null) {
        return Answer.error(404, "Webhook does not exist");
      }
      ObjectNode in = parseObject(body).orElse(null);
      if (in == null || !validFields(in) || (in.has("name") && !isText(in, "name"))
          || (in.has("url") && !isText(in, "url"))) {
        return Answer.error(400, "Invalid webhook");
      }
      String newName = in.has("name") ? in.get("name").asText() : name;
      if (!NAME.matcher(newName).matches()) {
        return Answer.error(400, "Invalid webhook");
      }
      if (!newName.equals(name) && org.webhooks.containsKey(newName)) {
        return Answer.error(400, "Webhook already exists");
      }
      ObjectNode next = current.deepCopy();
      next.put("name", newName);
      if (in.has("url")) {
        next.put("url", in.get("url").asText());
      }
      if (in.has("payload")) {
        // inferred: null on PUT restores the default template, as on create
        String payload = textOrNull(in, "payload");
        next.put("payload", payload == null ? DatadogEmulator.DEFAULT_PAYLOAD : payload);
      }
      if (in.has("custom_headers")) {
        String headers = textOrNull(in, "custom_headers");
        next.put("custom_headers", headers == null || headers.isEmpty() ? null : headers);
      }
      if (in.has("encode_as")) {
        next.put("encode_as", in.get("encode_as").asText());
      }
      org.webhooks.remove(name);
      org.webhooks.put(newName, next);
      return Answer.json(200, next);
    }
  }

  /** {@code legacyNotFound}: a missing webhook answers 400, as before 2022, instead of 404. */
  static Answer delete(OrgStore org, String name, boolean legacyNotFound) {
    synchronized (org) {
      if (org.webhooks.remove(name) == null) {
        return Answer.error(legacyNotFound ? 400 : 404, "Webhook does not exist");
      }
      return Answer.deleted();
    }
  }

  /** encode_as json or form; payload a string; custom_headers a string holding a JSON object, or empty. */
  static boolean validFields(ObjectNode in) {
    if (in.hasNonNull("encode_as")) {
      String e = in.get("encode_as").asText();
      if (!in.get("encode_as").isTextual() || !(e.equals("json") || e.equals("form"))) {
        return false;
      }
    }
    if (in.hasNonNull("payload") && !in.get("payload").isTextual()) {
      return false;
    }
    if (in.hasNonNull("custom_headers")) {
      if (!in.get("custom_headers").isTextual()) {
        return false;
      }
      String headers = in.get("custom_headers").asText();
      if (!headers.isEmpty()) {
        return parseObject(headers).isPresent();
      }
    }
    return true;
  }
}
