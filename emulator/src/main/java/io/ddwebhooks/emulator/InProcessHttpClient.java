package io.ddwebhooks.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * A JDK {@link HttpClient} that hands each request straight to an emulator, with no socket and no thread: a Java
 * program's Datadog client, unchanged, runs against the emulator in a unit test. Any host in the URI is accepted;
 * the path, query, {@code DD-API-KEY} / {@code DD-APPLICATION-KEY} headers and body are what the emulator sees, and a
 * dropped connection (a fault) is an {@link IOException} as on the wire. The request is answered in the caller's
 * thread (latency, if set, is slept there); {@code sendAsync} returns a completed future.
 */
public final class InProcessHttpClient extends HttpClient {

  private static final Duration BODY_TIMEOUT = Duration.ofSeconds(30);
  private final ApiDispatcher dispatcher;

  InProcessHttpClient(ApiDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    URI uri = request.uri();
    Optional<Answer> answer = dispatcher.dispatch(request.method(), Optional.ofNullable(uri.getRawPath()).orElse(""),
        uri.getRawQuery(), request.headers().firstValue("DD-API-KEY").orElse(null),
        request.headers().firstValue("DD-APPLICATION-KEY").orElse(null), body(request));
    if (answer.isEmpty()) {
      throw new IOException("connection closed before an answer (the emulator dropped it)");
    }
    Answer a = answer.get();
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("Content-Type", List.of("application/json"));
    a.headers().forEach((k, v) -> headers.put(k, List.of(v)));
    HttpHeaders httpHeaders = HttpHeaders.of(headers, (k, v) -> true);
    HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
      @Override
      public int statusCode() {
        return a.status();
      }

      @Override
      public HttpHeaders headers() {
        return httpHeaders;
      }

      @Override
      public Version version() {
        return Version.HTTP_1_1;
      }
    };
    HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
    subscriber.onSubscribe(new OneBuffer(subscriber, a.body().getBytes(StandardCharsets.UTF_8)));
    T body = await(subscriber.getBody().toCompletableFuture());
    return new Response<>(a.status(), request, httpHeaders, body);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> handler) {
    try {
      return CompletableFuture.completedFuture(send(request, handler));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return sendAsync(request, handler);
  }

  /** The request body, read from its publisher. */
  private static String body(HttpRequest request) throws IOException, InterruptedException {
    if (request.bodyPublisher().isEmpty()) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<String> done = new CompletableFuture<>();
    request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer item) {
        byte[] bytes = new byte[item.remaining()];
        item.get(bytes);
        out.write(bytes, 0, bytes.length);
      }

      @Override
      public void onError(Throwable throwable) {
        done.completeExceptionally(throwable);
      }

      @Override
      public void onComplete() {
        done.complete(out.toString(StandardCharsets.UTF_8));
      }
    });
    return await(done);
  }

  private static <T> T await(CompletableFuture<T> future) throws IOException, InterruptedException {
    try {
      return future.get(BODY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException("body could not be read: " + e.getCause().getClass().getSimpleName(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("body not read within " + BODY_TIMEOUT, e);
    }
  }

  /** Delivers one buffer (if the body is not empty), then completes, as the subscriber asks for it. */
  private static final class OneBuffer implements Flow.Subscription {
    private final Flow.Subscriber<List<ByteBuffer>> subscriber;
    private final byte[] bytes;
    private boolean delivered;
    private boolean done;

    OneBuffer(Flow.Subscriber<List<ByteBuffer>> subscriber, byte[] bytes) {
      this.subscriber = subscriber;
      this.bytes = bytes;
    }

    @Override
    public synchronized void request(long n) {
      if (done || n <= 0) {
        return;
      }
      if (!delivered && bytes.length > 0) {
        delivered = true;
        subscriber.onNext(List.of(ByteBuffer.wrap(bytes)));
      }
      if (!done) {
        done = true;
        subscriber.onComplete();
      }
    }

    @Override
    public synchronized void cancel() {
      done = true;
    }
  }

  private record Response<T>(int statusCode, HttpRequest request, HttpHeaders headers, T body)
      implements HttpResponse<T> {

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return Optional.empty();
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public SSLParameters sslParameters() {
    return new SSLParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Version version() {
    return Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.empty();
  }
}
