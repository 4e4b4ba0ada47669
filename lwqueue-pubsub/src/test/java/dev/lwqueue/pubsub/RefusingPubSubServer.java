package dev.lwqueue.pubsub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * An HTTP server on loopback that answers every Pub/Sub REST call with an error reply, per method,
 * as Google writes them ({@code {"error": {"code": 403, "message": ..., "status": "PERMISSION_DENIED"}}}).
 * The emulator has no IAM (every call is allowed), so this is how tests get the answers Google
 * gives to an account without permission, over a real connection.
 */
public final class RefusingPubSubServer implements AutoCloseable {

  /**
   * An error reply.
   *
   * @param httpStatus the HTTP status, 403 for example
   * @param status the {@code google.rpc.Code} name, {@code PERMISSION_DENIED} for example
   * @param message the server's explanation
   */
  public record Refusal(int httpStatus, String status, String message) {
    public static Refusal permissionDenied(String message) {
      return new Refusal(403, "PERMISSION_DENIED", message);
    }

    public static Refusal notFound(String message) {
      return new Refusal(404, "NOT_FOUND", message);
    }

    public static Refusal failedPrecondition(String message) {
      return new Refusal(400, "FAILED_PRECONDITION", message);
    }
  }

  /** The REST API's methods by HTTP method and path, named as in Pub/Sub's API (GetTopic, Pull, ...). */
  private record Method(String name, String httpMethod, Pattern path) {}

  private static final List<Method> METHODS = List.of(
      new Method("Publish", "POST", Pattern.compile("/v1/projects/[^/]+/topics/[^/]+:publish")),
      new Method("ListTopicSubscriptions", "GET", Pattern.compile("/v1/projects/[^/]+/topics/[^/]+/subscriptions")),
      new Method("GetTopic", "GET", Pattern.compile("/v1/projects/[^/]+/topics/[^/:]+")),
      new Method("CreateTopic", "PUT", Pattern.compile("/v1/projects/[^/]+/topics/[^/:]+")),
      new Method("DeleteTopic", "DELETE", Pattern.compile("/v1/projects/[^/]+/topics/[^/:]+")),
      new Method("Pull", "POST", Pattern.compile("/v1/projects/[^/]+/subscriptions/[^/]+:pull")),
      new Method("Acknowledge", "POST", Pattern.compile("/v1/projects/[^/]+/subscriptions/[^/]+:acknowledge")),
      new Method("ModifyAckDeadline", "POST", Pattern.compile("/v1/projects/[^/]+/subscriptions/[^/]+:modifyAckDeadline")),
      new Method("GetSubscription", "GET", Pattern.compile("/v1/projects/[^/]+/subscriptions/[^/:]+")),
      new Method("CreateSubscription", "PUT", Pattern.compile("/v1/projects/[^/]+/subscriptions/[^/:]+")),
      new Method("DeleteSubscription", "DELETE", Pattern.compile("/v1/projects/[^/]+/subscriptions/[^/:]+")));

  private final HttpServer server;
  private final List<String> calls = new CopyOnWriteArrayList<>();

  /**
   * @param refusals method name (for example {@code GetTopic}, {@code CreateSubscription}) to
   *     the reply; unlisted methods get {@code fallback}
   */
  public RefusingPubSubServer(Map<String, Refusal> refusals, Refusal fallback) {
    this(Map.of(), refusals, fallback);
  }

  /**
   * The same, answering some methods as Google answers a success.
   *
   * @param answers method name to the JSON it answers with 200 OK
   */
  public RefusingPubSubServer(Map<String, String> answers, Map<String, Refusal> refusals, Refusal fallback) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String method = methodOf(exchange);
      calls.add(method);
      if (answers.containsKey(method)) {
        answer(exchange, 200, answers.get(method).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } else {
        answer(exchange, refusals.getOrDefault(method, fallback));
      }
    });
    server.start();
  }

  /** Every call refused as Google refuses an account without the permission. */
  public static RefusingPubSubServer permissionDenied() {
    return new RefusingPubSubServer(Map.of(), Refusal.permissionDenied("User not authorized to perform this action."));
  }

  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** The methods called so far, in order ({@code Unknown} for a request that is none of the API's). */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  private static String methodOf(HttpExchange exchange) {
    String path = exchange.getRequestURI().getRawPath();
    for (Method method : METHODS) {
      if (method.httpMethod().equals(exchange.getRequestMethod()) && method.path().matcher(path).matches()) {
        return method.name();
      }
    }
    return "Unknown";
  }

  private static void answer(HttpExchange exchange, Refusal refusal) throws IOException {
    ObjectNode reply = PubSubRest.JSON.createObjectNode();
    reply.putObject("error")
        .put("code", refusal.httpStatus())
        .put("message", refusal.message())
        .put("status", refusal.status());
    answer(exchange, refusal.httpStatus(), PubSubRest.JSON.writeValueAsBytes(reply));
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.getResponseHeaders().set("content-type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
