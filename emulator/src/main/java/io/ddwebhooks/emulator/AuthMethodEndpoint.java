package io.ddwebhooks.emulator;

import static io.ddwebhooks.emulator.Json.parseObject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/v2/integration/webhooks/configuration/auth-method}: OAuth2 client-credentials auth methods, JSON:API
 * shaped, keyed by a server-made UUID. As recorded (Terraform's acceptance test): 201 on create, 200 on get and
 * PATCH, 204 on DELETE, 404 "The requested auth method does not exist.", {@code client_secret} never answered,
 * {@code audience} and {@code scope} always present (null when unset). From the spec only: 409 for a name already in
 * use in the org, field limits (name 1-100, the others 1-2048), and the list with {@code include}.
 */
final class AuthMethodEndpoint {

  static final String TYPE = "webhooks-auth-method-oauth2-client-credentials";
  static final String PROTOCOL = "oauth2-client-credentials";
  private static final List<String> OPTIONAL = List.of("audience", "scope");

  private AuthMethodEndpoint() {}

  /** The stored attributes (client_secret included) of one auth method. */
  static ObjectNode stored(String name, String url, String clientId, String secret, String audience, String scope) {
    ObjectNode a = Json.MAPPER.createObjectNode();
    a.put("name", name);
    a.put("protocol", PROTOCOL);
    a.put("access_token_url", url);
    a.put("client_id", clientId);
    a.put("scope", scope);
    a.put("audience", audience);
    a.put("client_secret", secret);
    return a;
  }

  /** The single-resource answer: type, id, attributes without the secret (recorded key order). */
  static ObjectNode resource(String id, ObjectNode stored) {
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("type", TYPE);
    data.put("id", id);
    ObjectNode attributes = stored.deepCopy();
    attributes.remove("client_secret");
    data.set("attributes", attributes);
    return data;
  }

  private static Answer one(int status, String id, ObjectNode stored) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("data", resource(id, stored));
    return Answer.json(status, body);
  }

  private static Answer notFound() {
    return Answer.error(404, "The requested auth method does not exist.");
  }

  /** The request's attributes, or null when the envelope is not {"data": {"type": TYPE, "attributes": {...}}}. */
  private static ObjectNode attributes(String body) {
    ObjectNode in = parseObject(body).orElse(null);
    if (in == null || !in.path("data").isObject() || !TYPE.equals(in.path("data").path("type").asText(null))
        || !in.path("data").path("attributes").isObject()) {
      return null;
    }
    return (ObjectNode) in.get("data").get("attributes");
  }

  /** A problem with one attribute, or null: strings of 1..max characters (null allowed where {@code nullable}). */
  private static String invalid(ObjectNode a, String field, boolean required, boolean nullable, int max) {
    JsonNode v = a.get(field);
    if (v == null) {
      return required ? field + " is required" : null;
    }
    if (v.isNull()) {
      return nullable ? null : field + " must not be null";
    }
    if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > max) {
      return field + " must be a string of 1 to " + max + " characters";
    }
    return null;
  }

  private static String invalid(ObjectNode a, boolean create) {
    for (String field : List.of("name", "access_token_url", "client_id", "client_secret", "audience", "scope")) {
      boolean optional = OPTIONAL.contains(field);
      String problem = invalid(a, field, create && !optional, optional, field.equals("name") ? 100 : 2048);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String text(ObjectNode a, String field) {
    JsonNode v = a.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static boolean nameTaken(OrgStore org, String name, String exceptId) {
    return org.authMethods.entrySet().stream().anyMatch(e -> !e.getKey().equals(exceptId)
        && name.equals(e.getValue().path("name").asText()));
  }

  static Answer create(OrgStore org, String body) {
    ObjectNode a = attributes(body);
    if (a == null) {
      return Answer.error(400, "Invalid request: expected data.type " + TYPE + " and data.attributes");
    }
    String problem = invalid(a, true);
    if (problem != null) {
      return Answer.error(400, "Invalid auth method: " + problem);
    }
    synchronized (org) {
      String name = a.get("name").asText();
      if (nameTaken(org, name, null)) {
        return Answer.error(409, "An auth method named '" + name + "' already exists");
      }
      String id = UUID.randomUUID().toString();
      ObjectNode stored = stored(name, text(a, "access_token_url"), text(a, "client_id"), text(a, "client_secret"),
          text(a, "audience"), text(a, "scope"));
      org.authMethods.put(id, stored);
      return one(201, id, stored);
    }
  }

  static Answer get(OrgStore org, String id) {
    synchronized (org) {
      ObjectNode stored = org.authMethods.get(id);
      return stored == null ? notFound() : one(200, id, stored);
    }
  }

  /** PATCH: the attributes sent replace the stored ones; {@code null} clears audience or scope; others are kept. */
  static Answer update(OrgStore org, String id, String body) {
    ObjectNode a = attributes(body);
    if (a == null) {
      return Answer.error(400, "Invalid request: expected data.type " + TYPE + " and data.attributes");
    }
    String problem = invalid(a, false);
    if (problem != null) {
      return Answer.error(400, "Invalid auth method: " + problem);
    }
    synchronized (org) {
      ObjectNode stored = org.authMethods.get(id);
      if (stored == null) {
        return notFound();
      }
      if (a.has("name") && nameTaken(org, a.get("name").asText(), id)) {
        return Answer.error(409, "An auth method named '" + a.get("name").asText() + "' already exists");
      }
      for (Map.Entry<String, JsonNode> e : a.properties()) {
        if (stored.has(e.getKey()) && !e.getKey().equals("protocol")) {
          stored.set(e.getKey(), e.getValue());
        }
      }
      return one(200, id, stored);
    }
  }

  static Answer delete(OrgStore org, String id) {
    synchronized (org) {
      return org.authMethods.remove(id) == null ? notFound() : new Answer(204, "", Map.of());
    }
  }

  /** GET the list: one "webhooks-auth-method" per object, and with {@code include} the objects themselves. */
  static Answer list(OrgStore org, String query) {
    boolean include = query != null && List.of(query.split("&")).contains("include=" + PROTOCOL);
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode data = body.putArray("data");
    ArrayNode included = Json.MAPPER.createArrayNode();
    synchronized (org) {
      org.authMethods.forEach((id, stored) -> {
        ObjectNode entry = data.addObject();
        entry.put("type", "webhooks-auth-method");
        entry.put("id", id);
        entry.putObject("attributes").put("protocol", PROTOCOL);
        entry.putObject("relationships").putObject(PROTOCOL).putObject("data").put("type", TYPE).put("id", id);
        included.add(resource(id, stored));
      });
    }
    if (include) {
      body.set("included", included);
    }
    return Answer.json(200, body);
  }
}
