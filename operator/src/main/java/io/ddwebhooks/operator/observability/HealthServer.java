package io.ddwebhooks.operator.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The operator's HTTP endpoints for the kubelet and Prometheus: {@code /healthz} (liveness), {@code /readyz}
 * (readiness: informers synced and healthy, or standing by for leadership) and {@code /metrics}.
 */
public final class HealthServer implements AutoCloseable {

  /** What the endpoints report. */
  public record Health(boolean alive, boolean ready, String detail) {}

  private final HttpServer server;

  public HealthServer(int port, Supplier<Health> health, OperatorMetrics metrics) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 16);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "health-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/healthz", ex -> {
      Health h = health.get();
      send(ex, h.alive() ? 200 : 503, "text/plain", (h.alive() ? "ok" : "not alive") + "\n");
    });
    server.createContext("/readyz", ex -> {
      Health h = health.get();
      send(ex, h.ready() ? 200 : 503, "text/plain", (h.ready() ? "ready: " : "not ready: ") + h.detail() + "\n");
    });
    server.createContext("/metrics", ex ->
        send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
