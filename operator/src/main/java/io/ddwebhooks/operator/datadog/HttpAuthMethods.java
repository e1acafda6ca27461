package io.ddwebhooks.operator.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The auth methods of Datadog's API v2 behind the name-keyed seam the other kinds use: Datadog keys them by id and
 * keeps names unique in an org, so a name is resolved to its id from this client's own answers (a create, a get, the
 * list) and, when it has none or the id no longer holds that name, from the list endpoint's {@code included[]}. A
 * remembered id leads a PATCH or DELETE by name only once a GET by it found that name there. An object whose id a
 * resource recorded is reached by that id ({@link #getById}), whatever it is named now. Every PATCH carries every
 * field, the client secret included and explicit nulls for an absent audience or scope: no recording shows a PATCH
 * that leaves a field out.
 */
final class HttpAuthMethods {

  static final String BASE = "/api/v2/integration/webhooks/configuration/auth-method";
  static final String OAUTH2 = BASE + "/oauth2-client-credentials";
  static final String TYPE = "webhooks-auth-method-oauth2-client-credentials";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpWebhooksIntegrationApi http;
  /** Name to id, as this org last answered. */
  private final Map<String, String> ids = new ConcurrentHashMap<>();

  HttpAuthMethods(HttpWebhooksIntegrationApi http) {
    this.http = http;
  }

  Optional<AuthMethod> get(String name) {
    String id = ids.get(name);
    if (id != null) {
      Optional<AuthMethod> byId = http.send("GetOAuth2ClientCredentials", "GET auth method '" + name + "'", "GET",
          OAUTH2 + "/" + HttpWebhooksIntegrationApi.escape(id), null, true).map(n -> parse(n.path("data")));
      if (byId.isPresent() && name.equals(byId.get().name())) {
        return byId;
      }
      ids.remove(name, id);
    }
    return list().stream().filter(m -> name.equals(m.name())).findFirst();
  }

  /**
   * The most of the list's answer that is read. The endpoint has no paging and a name lookup reads it whole, so its
   * limit is the org's size, not one object's: about 1,000 auth methods with every field at its longest (8 KiB each),
   * many more as they usually are. Past it, lookups by name fail (lookups by a recorded id do not); a cluster admin
   * keeps namespaces below it with a ResourceQuota on {@code count/datadogwebhookauthmethods.ddwebhooks.io}.
   */
  static final int MAX_LIST_BYTES = 8 << 20;

  /** Every auth method of the org (the list endpoint, its objects included); learns their ids. */
  List<AuthMethod> list() {
    JsonNode answer = http.send("GetAllAuthMethods", "GET auth methods", "GET",
        BASE + "?include=oauth2-client-credentials", null, false, MAX_LIST_BYTES).orElseThrow();
    List<AuthMethod> out = new ArrayList<>();
    for (JsonNode included : answer.path("included")) {
      if (TYPE.equals(included.path("type").asText())) {
        AuthMethod m = parse(included);
        ids.put(m.name(), m.id());
        out.add(m);
      }
    }
    return out;
  }

  AuthMethod create(AuthMethod m) {
    AuthMethod made = parse(write("CreateOAuth2ClientCredentials", "POST auth method '" + m.name() + "'", "POST",
        OAUTH2, body(m)));
    learn(made);
    return made;
  }

  AuthMethod update(String currentName, AuthMethod m) {
    String id = idOf(currentName, "PATCH auth method '" + currentName + "'");
    return patch(id, "PATCH auth method '" + currentName + "'", m);
  }

  /** The auth method with Datadog's id {@code id}, whatever it is named now; empty when Datadog answers 404. */
  Optional<AuthMethod> getById(String id) {
    Optional<AuthMethod> found = http.send("GetOAuth2ClientCredentials", "GET auth method " + id, "GET",
        OAUTH2 + "/" + HttpWebhooksIntegrationApi.escape(id), null, true).map(n -> parse(n.path("data")));
    found.ifPresent(this::learn);
    return found;
  }

  /** PATCH every field of the auth method with id {@code id}; one that is gone is Datadog's 404. */
  AuthMethod updateById(String id, AuthMethod m) {
    return patch(id, "PATCH auth method '" + m.name() + "' (" + id + ")", m);
  }

  /** DELETE the auth method with id {@code id}; false when Datadog answers 404 (nothing else is looked up). */
  boolean deleteById(String id) {
    return sendDelete("auth method " + id, id);
  }

  private AuthMethod patch(String id, String operation, AuthMethod m) {
    AuthMethod updated = parse(write("UpdateOAuth2ClientCredentials", operation, "PATCH",
        OAUTH2 + "/" + HttpWebhooksIntegrationApi.escape(id), body(m)));
    learn(updated);
    return updated;
  }

  /** {@code m}'s name now leads to its id, and no other name does. */
  private void learn(AuthMethod m) {
    ids.values().removeIf(m.id()::equals);
    ids.put(m.name(), m.id());
  }

  /** A POST or PATCH: both send the name, and the spec lists 409 for both, a name in use in the org. */
  private JsonNode write(String operationId, String operation, String method, String path, JsonNode body) {
    try {
      return http.send(operationId, operation, method, path, body, false).orElseThrow().path("data");
    } catch (DatadogApiException e) {
      throw e.status() == 409 ? e.conflictIsNameInUse() : e;
    }
  }

  /**
   * Deletes the auth method named {@code name}, for a resource that recorded no id of it. An id this client
   * remembers may be stale: the object deleted, or renamed outside the operator, when that id is now somebody's other
   * object. So the name is checked first ({@link #get}: one GET by that id, the list when it no longer holds the
   * name). A recorded id is deleted by {@link #deleteById(String)} instead: it identifies the object by itself.
   */
  boolean delete(String name) {
    Optional<String> id = get(name).map(AuthMethod::id);
    return id.isPresent() && sendDelete("auth method '" + name + "'", id.get());
  }

  private boolean sendDelete(String what, String id) {
    boolean existed = http.send("DeleteOAuth2ClientCredentials", "DELETE " + what, "DELETE",
        OAUTH2 + "/" + HttpWebhooksIntegrationApi.escape(id), null, true).isPresent();
    ids.values().removeIf(id::equals);
    return existed;
  }

  /** The id this client last saw under {@code name}, with no call. */
  Optional<String> knownId(String name) {
    return Optional.ofNullable(ids.get(name));
  }

  /**
   * The id of the object named {@code name} now, checked as for {@link #delete} (a remembered id may have been
   * renamed away to somebody's other object); an absent one is Datadog's 404, as a PATCH of a missing id answers.
   */
  private String idOf(String name, String operation) {
    return get(name).map(AuthMethod::id).orElseThrow(() -> new DatadogApiException(operation, 404,
        List.of("The requested auth method does not exist."), null));
  }

  static ObjectNode body(AuthMethod m) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode data = body.putObject("data");
    data.put("type", TYPE);
    ObjectNode a = data.putObject("attributes");
    a.put("name", m.name());
    a.put("access_token_url", m.accessTokenUrl());
    a.put("client_id", m.clientId());
    a.put("client_secret", m.clientSecret());
    a.put("audience", m.audience()); // null clears it (recorded)
    a.put("scope", m.scope());
    return body;
  }

  static AuthMethod parse(JsonNode data) {
    JsonNode a = data.path("attributes");
    return new AuthMethod(text(a, "name"), text(a, "access_token_url"), text(a, "client_id"), null,
        text(a, "audience"), text(a, "scope"), text(data, "id"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
