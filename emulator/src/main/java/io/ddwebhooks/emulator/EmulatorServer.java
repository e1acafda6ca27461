package io.ddwebhooks.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The HTTP server: it reads each request and writes what {@link ApiDispatcher} answers. */
final class EmulatorServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final ApiDispatcher dispatcher;

  /** Starts listening on {@code bind}:{@code port} (0 picks a free port). */
  EmulatorServer(InetAddress bind, int port, ApiDispatcher dispatcher) throws IOException {
    this.dispatcher = dispatcher;
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

  private void handle(HttpExchange exchange) throws IOException {
    Optional<Answer> answer = dispatcher.dispatch(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("DD-API-KEY"),
        exchange.getRequestHeaders().getFirst("DD-APPLICATION-KEY"),
        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    if (answer.isEmpty()) {
      exchange.close(); // a dropped connection: no answer at all
      return;
    }
    send(exchange, answer.get());
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
