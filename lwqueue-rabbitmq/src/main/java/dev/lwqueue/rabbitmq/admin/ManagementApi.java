package dev.lwqueue.rabbitmq.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * RabbitMQ's management HTTP API ({@code rabbitmq_management}, port 15672), as lwqueue's room
 * administration uses it: JSON over HTTP with basic authentication. Every failure becomes a
 * one-line {@link TransportException} whose kind says what to do about it.
 */
public final class ManagementApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String user;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param base the API's root, {@code http://host:15672} (a path prefix, as behind a proxy, is kept)
   * @param user the account that administers the room
   */
  public ManagementApi(URI base, String user, String password, Duration timeout) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.user = user;
    this.authorization =
        "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1) // the API closes h2c upgrade requests that carry a body
        .connectTimeout(timeout)
        .build();
  }

  public URI base() {
    return base;
  }

  /** GETs {@code /api/...}; a 404 is {@link Kind#NOT_FOUND}. */
  public JsonNode get(String path) {
    String body = sendOrThrow("GET", path, null, Map.of());
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new TransportException(Kind.BROKER_ERROR, "the management API answered GET " + path + " with no JSON", e);
    }
  }

  public void put(String path, Object body) {
    sendOrThrow("PUT", path, body, Map.of());
  }

  /** DELETEs; {@code reason} goes in the X-Reason header, which RabbitMQ passes to a closed connection. */
  public void delete(String path, String reason) {
    sendOrThrow("DELETE", path, null, reason == null ? Map.of() : Map.of("X-Reason", reason));
  }

  /** Whether {@code GET path} finds something (200) rather than nothing (404). */
  public boolean exists(String path) {
    try {
      get(path);
      return true;
    } catch (TransportException e) {
      if (e.kind() == Kind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** A path segment: user, vhost and exchange names may hold '/', '%' or spaces. */
  public static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private String sendOrThrow(String method, String path, Object body, Map<String, String> headers) {
    HttpResponse<String> response;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
          .timeout(timeout)
          .header("Authorization", authorization)
          .header("Content-Type", "application/json")
          .method(method, body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      headers.forEach(request::header);
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new TransportException(Kind.UNREACHABLE, "cannot reach RabbitMQ's management API at " + base
          + ": is the management plugin enabled (rabbitmq-plugins enable rabbitmq_management) and the port right? "
          + "Without it, room add-member --print-commands prints the rabbitmqctl lines to run instead", e);
    } catch (HttpTimeoutException e) {
      throw new TransportException(Kind.UNREACHABLE, "no answer from the management API at " + base
          + " within " + timeout.toSeconds() + " s", e);
    } catch (IOException e) {
      throw new TransportException(Kind.UNREACHABLE,
          "the management API at " + base + " failed: " + oneLine(String.valueOf(e.getMessage())), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(Kind.CLOSED, "interrupted while talking to the management API", e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return response.body().isEmpty() ? "null" : response.body();
    }
    String reason = reasonOf(response.body());
    String what = method + " " + path;
    switch (status) {
      case 401:
        throw new TransportException(Kind.AUTHENTICATION_FAILED, "the management API at " + base + " refused user '"
            + user + "': wrong password, or an account without the management tag (the room's host account is "
            + "needed)");
      case 403:
        throw new TransportException(Kind.ACCESS_REFUSED,
            "user '" + user + "' may not " + what + " on the management API: " + reason);
      case 404:
        throw new TransportException(Kind.NOT_FOUND, "not found: " + what + (reason.isEmpty() ? "" : " (" + reason + ")"));
      default:
        throw new TransportException(Kind.BROKER_ERROR,
            "the management API answered " + status + " to " + what + ": " + reason);
    }
  }

  private static String reasonOf(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return oneLine(node.path("reason").asText(node.path("error").asText("")));
    } catch (IOException e) {
      return oneLine(body.length() > 200 ? body.substring(0, 200) : body);
    }
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }
}
