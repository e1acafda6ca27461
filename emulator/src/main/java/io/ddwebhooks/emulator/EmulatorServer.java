package io.ddwebhooks.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP server and its routing: {@link ControlApi#PREFIX} goes to the control API; everything else is a Datadog
 * call, which is authorized (the keys pick the org), delayed, maybe faulted, answered by its endpoint and recorded.
 */
final class EmulatorServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final OrgRegistry orgs;
  private final FaultPlan faults;
  private final CallLog log;
  private final ControlApi control;
  private volatile boolean legacyNotFound;

  /** Starts listening on {@code bind}:{@code port} (0 picks a free port). */
  EmulatorServer(InetAddress bind, int port, OrgRegistry orgs, FaultPlan faults, CallLog log, ControlApi control)
      throws IOException {
    this.orgs = orgs;
    this.faults = faults;
    this.log = log;
    this.control = control;
    this.server = HttpServer.create(new InetSocketAddress(bind, port), 64);
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "datadog-emulator");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Where a client on this machine reaches the server: the loopback address when bound to every address. */
  URI baseUrl() {
    InetSocketAddress address = server.getAddress();
    InetAddress host = address.getAddress();
    String name = host.isAnyLocalAddress() ? "127.0.0.1" : host instanceof Inet6Address
        ? "[" + host.getHostAddress().replaceFirst("%.*$", "") + "]" : host.getHostAddress();
    return URI.create("http://" + name + ":" + address.getPort());
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  void setLegacyNotFound(boolean legacy) {
    this.legacyNotFound = legacy;
  }

  boolean legacyNotFound() {
    return legacyNotFound;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (ControlApi.handles(path)) {
      Answer answer;
      try {
        answer = control.handle(method, path, exchange.getRequestURI().getRawQuery(), body);
      } catch (RuntimeException e) {
        answer = Answer.error(500, "control API failure: " + e.getClass().getSimpleName());
      }
      send(exchange, answer);
      return;
    }
    Instant received = Instant.now();
    OrgStore org = orgs.forKeys(exchange.getRequestHeaders().getFirst("DD-API-KEY"),
        exchange.getRequestHeaders().getFirst("DD-APPLICATION-KEY"));
    boolean write = !method.equals("GET") && org != null;
    OrgStore.WriteTicket ticket = write ? org.beginWrite() : null;
    Answer answer;
    Fault fault;
    try {
      pause(faults.latencyFor(write, org));
      fault = faults.next(method, path);
      if (fault != null && fault.commitsFirst()) {
        route(org, method, path, body);
      }
      answer = fault == null ? route(org, method, path, body)
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
      exchange.close();
      return;
    }
    log.record(orgName, method, path, body, answer.status(), answer.body(), received, overlapping);
    send(exchange, answer);
  }

  /** The Datadog API's routes: webhooks, custom variables, and the notification preview. */
  private Answer route(OrgStore org, String method, String path, String body) {
    if (org == null) {
      return Answer.error(403, "Forbidden");
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

  /** A path segment, percent-decoded; a literal {@code +} stays a plus. */
  static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static void pause(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }
}
