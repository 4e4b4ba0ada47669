package dev.lwqueue.pubsub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Pub/Sub's REST API (v1, JSON) over the JDK's HTTP client: one client per transport, plaintext
 * HTTP/1.1 to the emulator, TLS with HTTP/2 to Google Cloud. Every call either returns the reply's
 * JSON or throws a {@link PubSubCallException} with the reply's code.
 *
 * <p>Why not Google's client library? Its gRPC stack (gax, gRPC, protobuf, Guava: some 1,600
 * classes) and gRPC's OkHttp transport, which sets up the JDK's TLS even for the plaintext
 * emulator, held an idle subscriber above 80 MB resident; the JDK's client and Jackson, which
 * lwqueue loads anyway, hold it near RabbitMQ's (README, "Performance").
 */
final class PubSubRest {

  /** Google Cloud's endpoint for Pub/Sub. */
  static final URI GOOGLE_ENDPOINT = URI.create("https://pubsub.googleapis.com/");

  /** Trees only: binding classes would cost a one-shot send Jackson's bean introspection. */
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private static final String API_VERSION = "v1/";

  private final URI endpoint;
  private final HttpClient http;
  private final RequestAuthorizer authorizer;

  private PubSubRest(URI endpoint, HttpClient http, RequestAuthorizer authorizer) {
    this.endpoint = endpoint;
    this.http = http;
    this.authorizer = authorizer;
  }

  /** The emulator at {@code host:port}: plaintext HTTP/1.1 (the only HTTP it speaks), no credentials. */
  static PubSubRest emulator(String hostAndPort, Duration connectTimeout) {
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        // Both given, so the builder never asks for the JDK's default TLS (PlaintextSslContext says why).
        .sslContext(new PlaintextSslContext())
        .sslParameters(new SSLParameters())
        .build();
    return new PubSubRest(URI.create("http://" + hostAndPort + "/"), http, RequestAuthorizer.NONE);
  }

  /**
   * Google Cloud (or another HTTPS endpoint serving its API): TLS with HTTP/2, authorized by
   * {@code authorizer}; {@code tls} is the JDK's default context unless a test brings its own.
   */
  static PubSubRest https(URI endpoint, SSLContext tls, RequestAuthorizer authorizer, Duration connectTimeout) {
    if (!"https".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException("Google Cloud is reached over HTTPS only, not " + endpoint);
    }
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(connectTimeout);
    if (tls != null) {
      builder.sslContext(tls);
    }
    return new PubSubRest(endpoint.resolve("/"), builder.build(), authorizer);
  }

  URI endpoint() {
    return endpoint;
  }

  /**
   * One call, once, waiting at most {@code timeout} for the reply.
   *
   * @param method GET, PUT, POST or DELETE
   * @param path below {@code /v1/}, its IDs already {@linkplain #segment encoded}
   * @param body the request's JSON, or {@code null}
   */
  JsonNode call(String method, String path, JsonNode body, Duration timeout) {
    HttpRequest request = request(method, path, body, timeout, null);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw failure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PubSubCallException(RpcCode.CANCELLED, "interrupted", e);
    }
    return reply(response);
  }

  /**
   * The same, retried on {@code retryable} codes with a growing pause until {@code total} has
   * passed (each attempt may take what is left), as Google's clients retry their admin calls.
   */
  JsonNode call(String method, String path, JsonNode body, Duration total, Set<RpcCode> retryable) {
    long deadline = System.nanoTime() + total.toNanos();
    long pauseMillis = 100;
    while (true) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      try {
        return call(method, path, body, left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
      } catch (PubSubCallException e) {
        if (!retryable.contains(e.code()) || System.nanoTime() + pauseMillis * 1_000_000 >= deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PubSubCallException(RpcCode.CANCELLED, "interrupted", e);
      }
      pauseMillis = Math.min(pauseMillis * 2, 5_000);
    }
  }

  /**
   * A call that does not hold up its thread; cancelling the future abandons the request. The
   * server is told to answer within {@code serverTimeout} (a pull waits for messages until then),
   * and the client waits {@code timeout}, which should be longer, so that it is the server that
   * ends the call: a pull the client gave up on may still be handed messages nobody reads.
   */
  CompletableFuture<JsonNode> callAsync(String method, String path, JsonNode body, Duration serverTimeout,
      Duration timeout) {
    HttpRequest request;
    try {
      request = request(method, path, body, timeout, serverTimeout);
    } catch (PubSubCallException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    return cancelsUpstream(sent, sent.handle((response, error) -> {
          if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CancellationException cancelled) {
              throw cancelled;
            }
            throw cause instanceof IOException io ? failure(io) : new PubSubCallException(RpcCode.UNKNOWN,
                String.valueOf(cause.getMessage()), cause);
          }
          return reply(response);
        }));
  }

  /**
   * {@code downstream}, whose cancelling also cancels {@code upstream}: a future derived with
   * {@code thenApply} or {@code handle} does not pass a cancel on, and the request would go on.
   */
  static <T, U> CompletableFuture<U> cancelsUpstream(CompletableFuture<T> upstream, CompletableFuture<U> downstream) {
    downstream.whenComplete((result, error) -> {
      if (downstream.isCancelled()) {
        upstream.cancel(true);
      }
    });
    return downstream;
  }

  private HttpRequest request(String method, String path, JsonNode body, Duration timeout, Duration serverTimeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(API_VERSION + path)).timeout(timeout);
    if (body != null) {
      request.header("content-type", "application/json");
      try {
        request.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write a request's JSON", e);
      }
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    if (serverTimeout != null) {
      // Google's front end reads X-Server-Timeout (seconds); the emulator only gRPC's own header,
      // which it honours for REST calls too (without it an empty pull is held for 90 seconds).
      request.header("X-Server-Timeout", Long.toString(Math.max(1, serverTimeout.toSeconds())));
      request.header("grpc-timeout", serverTimeout.toMillis() + "m");
    }
    authorizer.authorize(endpoint, request);
    return request.build();
  }

  /** A success's JSON (an empty object when the reply has no body), or the error reply's code and message. */
  private static JsonNode reply(HttpResponse<byte[]> response) {
    byte[] body = response.body();
    int status = response.statusCode();
    JsonNode json = null;
    if (body != null && body.length > 0) {
      try {
        json = JSON.readTree(body);
      } catch (IOException e) {
        if (status / 100 == 2) {
          throw new PubSubCallException(RpcCode.INTERNAL, "the reply is not JSON", e);
        }
      }
    }
    if (status / 100 == 2) {
      return json == null ? JSON.createObjectNode() : json;
    }
    JsonNode error = json == null ? null : json.path("error");
    if (error == null || !error.isObject()) {
      // Not Pub/Sub's answer (a proxy's page, say): its status is all there is to go by.
      throw new PubSubCallException(RpcCode.fromHttpStatus(status), "HTTP " + status, null);
    }
    String statusName = error.path("status").isTextual() ? error.path("status").asText() : null;
    String message = error.path("message").isTextual() ? error.path("message").asText() : "HTTP " + status;
    throw new PubSubCallException(RpcCode.of(statusName, status), message, null);
  }

  /** What went wrong underneath a call that got no reply. */
  private static PubSubCallException failure(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return new PubSubCallException(RpcCode.UNAVAILABLE, "connect timed out", e);
    }
    if (e instanceof HttpTimeoutException) {
      return new PubSubCallException(RpcCode.DEADLINE_EXCEEDED, "no reply within the timeout", e);
    }
    if (e instanceof ConnectException && e.getCause() instanceof UnresolvedAddressException) {
      return new PubSubCallException(RpcCode.UNAVAILABLE, "unknown host", e);
    }
    if (e instanceof ConnectException) {
      return new PubSubCallException(RpcCode.UNAVAILABLE, "connection refused", e);
    }
    return new PubSubCallException(RpcCode.UNAVAILABLE,
        e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage(), e);
  }

  /** A resource ID as one path segment: anything but the characters that need no escaping, percent-encoded. */
  static String segment(String id) {
    StringBuilder out = new StringBuilder(id.length() + 8);
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /**
   * Ends the client's connections and selector thread now (JDK 21's {@code shutdownNow}; lwqueue's
   * bytecode is Java 17's, where the client only ends once collected).
   */
  void close() {
    try {
      HttpClient.class.getMethod("shutdownNow").invoke(http);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // JDK 17: nothing to call; the client's daemon thread ends when it is collected.
    }
  }
}
