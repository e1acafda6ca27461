package io.ddwebhooks.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One request in, one answer out, with no transport: {@link ControlApi#PREFIX} goes to the control API; everything
 * else is a Datadog call, which is authorized (the keys pick the org), delayed, maybe faulted, answered by its
 * endpoint and recorded. {@link EmulatorServer} serves it over HTTP; {@link InProcessHttpClient} calls it directly.
 */
final class ApiDispatcher {

  private final OrgRegistry orgs;
  private final FaultPlan faults;
  private final CallLog log;
  private final ControlApi control;
  private volatile boolean legacyNotFound;

  ApiDispatcher(OrgRegistry orgs, FaultPlan faults, CallLog log, ControlApi control) {
    this.orgs = orgs;
    this.faults = faults;
    this.log = log;
    this.control = control;
  }

  void setLegacyNotFound(boolean legacy) {
    this.legacyNotFound = legacy;
  }

  boolean legacyNotFound() {
    return legacyNotFound;
  }

  /**
   * The answer to one request; empty when the connection is dropped (a fault) and the client gets no answer at all.
   * {@code path} and {@code query} are raw (still percent-encoded); a key that was not sent is null.
   */
  Optional<Answer> dispatch(String method, String path, String query, String apiKey, String appKey, String body) {
    if (ControlApi.handles(path)) {
      try {
        return Optional.of(control.handle(method, path, query, body));
      } catch (RuntimeException e) {
        return Optional.of(Answer.error(500, "control API failure: " + e.getClass().getSimpleName()));
      }
    }
    Instant received = Instant.now();
    OrgStore org = orgs.forKeys(apiKey, appKey);
    boolean write = !method.equals("GET") && org != null;
    OrgStore.WriteTicket ticket = write ? org.beginWrite() : null;
    Answer answer;
    Fault fault;
    try {
      pause(faults.latencyFor(write, org));
      fault = faults.next(method, path);
      if (fault != null && fault.commitsFirst()) {
        route(org, method, path, query, body);
      }
      answer = fault == null ? route(org, method, path, query, body)
          : fault.echoesRequest() ? Answer.error(fault.status(), "invalid request: " + body)
          : new Answer(fault.status(), fault.body(), fault.headers());
    } catch (RuntimeException e) {
      fault = null;
      answer = Answer.error(500, "Internal Server Error");
    } finally {
      // the write is over before the client can see its answer, so the next write it sends is not an overlap
      if (write) {
        org.endWrite(ticket);
      }
    }
    String orgName = org == null ? null : org.name();
    boolean overlapping = ticket != null && ticket.overlapped();
    if (fault != null && fault.dropsConnection()) {
      log.record(orgName, method, path, body, 0, "", received, overlapping);
      return Optional.empty();
    }
    log.record(orgName, method, path, body, answer.status(), answer.body(), received, overlapping);
    return Optional.of(answer);
  }

  /** The Datadog API's routes: webhooks, custom variables, and the notification preview. */
  private Answer route(OrgStore org, String method, String path, String query, String body) {
    if (org == null) {
      return Answer.error(403, "Forbidden");
    }
    if (path.startsWith(DatadogEmulator.AUTH_METHODS)) {
      return authMethods(org, method, path, query, body);
    }
    if (path.equals(DatadogEmulator.WEBHOOKS)) {
      return method.equals("POST") ? WebhookEndpoint.create(org, body) : Answer.error(405, "Method Not Allowed");
    }
    if (path.equals(DatadogEmulator.VARIABLES)) {
      return method.equals("POST") ? CustomVariableEndpoint.create(org, body)
          : Answer.error(405, "Method Not Allowed");
    }
    if (path.startsWith(DatadogEmulator.WEBHOOKS + "/")) {
      String name = decode(path.substring(DatadogEmulator.WEBHOOKS.length() + 1));
      return switch (method) {
        case "GET" -> WebhookEndpoint.get(org, name);
        case "PUT" -> WebhookEndpoint.update(org, name, body);
        case "DELETE" -> WebhookEndpoint.delete(org, name, legacyNotFound);
        default -> Answer.error(405, "Method Not Allowed");
      };
    }
    if (path.startsWith(DatadogEmulator.NOTIFICATIONS + "/") && method.equals("GET")) {
      return NotificationEndpoint.get(org, decode(path.substring(DatadogEmulator.NOTIFICATIONS.length() + 1)));
    }
    if (path.startsWith(DatadogEmulator.VARIABLES + "/")) {
      String name = decode(path.substring(DatadogEmulator.VARIABLES.length() + 1));
      return switch (method) {
        case "GET" -> CustomVariableEndpoint.get(org, name);
        case "PUT" -> CustomVariableEndpoint.update(org, name, body);
        case "DELETE" -> CustomVariableEndpoint.delete(org, name, legacyNotFound);
        default -> Answer.error(405, "Method Not Allowed");
      };
    }
    return Answer.error(404, "Not found");
  }

  /** API v2: the auth-method list, and OAuth2 client credentials by id. */
  private static Answer authMethods(OrgStore org, String method, String path, String query, String body) {
    String oauth2 = DatadogEmulator.AUTH_METHODS + "/" + AuthMethodEndpoint.PROTOCOL;
    if (path.equals(DatadogEmulator.AUTH_METHODS)) {
      return method.equals("GET") ? AuthMethodEndpoint.list(org, query) : Answer.error(405, "Method Not Allowed");
    }
    if (path.equals(oauth2)) {
      return method.equals("POST") ? AuthMethodEndpoint.create(org, body) : Answer.error(405, "Method Not Allowed");
    }
    if (path.startsWith(oauth2 + "/")) {
      String id = decode(path.substring(oauth2.length() + 1));
      return switch (method) {
        case "GET" -> AuthMethodEndpoint.get(org, id);
        case "PATCH" -> AuthMethodEndpoint.update(org, id, body);
        case "DELETE" -> AuthMethodEndpoint.delete(org, id);
        default -> Answer.error(405, "Method Not Allowed");
      };
    }
    return Answer.error(404, "Not found");
  }

  /** A path segment, percent-decoded; a literal {@code +} stays a plus. */
  static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static void pause(Duration d) {
    if (d == null || d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
