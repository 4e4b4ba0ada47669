package dev.lwqueue.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The test broker's management HTTP API, for what tests must do as an operator: close one of their
 * own connections, create a user with limited rights. Only ever touches what the calling test
 * named; the broker is shared with other test runs.
 */
public final class BrokerAdmin {

  public static final String PORT_VARIABLE = "LWQUEUE_TEST_MANAGEMENT_PORT";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String authorization;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1) // the management API closes h2c upgrade requests with a body
      .connectTimeout(Duration.ofSeconds(5)).build();

  private BrokerAdmin(String base, String user, String password) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.authorization =
        "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The management API of the shared test broker: its host, port 15672 or {@code $LWQUEUE_TEST_MANAGEMENT_PORT}. */
  public static BrokerAdmin forTestBroker() {
    RabbitMqSettings broker = RabbitMqSettings.fromUri(TestBroker.amqpUri());
    String port = System.getenv().getOrDefault(PORT_VARIABLE, "15672");
    return new BrokerAdmin("http://" + broker.host() + ":" + port, broker.username(), broker.password());
  }

  /** The queues bound to an exchange on the default vhost. */
  public List<String> boundQueues(String exchange) throws Exception {
    return get("/api/exchanges/%2F/" + encode(exchange) + "/bindings/source").findValuesAsText("destination");
  }

  /** Names of the broker's connections whose client-given name is {@code connectionName}. */
  public List<String> connectionsNamed(String connectionName) throws Exception {
    List<String> names = new ArrayList<>();
    for (JsonNode c : get("/api/connections?columns=name,client_properties.connection_name")) {
      if (connectionName.equals(c.path("client_properties").path("connection_name").asText(null))) {
        names.add(c.path("name").asText());
      }
    }
    return names;
  }

  /** Closes, as the broker, every connection with this client-given name; returns how many. */
  public int closeConnectionsNamed(String connectionName) throws Exception {
    List<String> names = connectionsNamed(connectionName);
    for (String name : names) {
      send("DELETE", "/api/connections/" + encode(name), null, Map.of("X-Reason", "lwqueue test closes its own connection"));
    }
    return names.size();
  }

  /**
   * Closes, as the broker, every connection with this client-given name with a reason of raw bytes
   * (control characters included, which the JDK's HTTP client refuses to send): what a hostile
   * operator can make the broker tell its clients. Returns how many were closed.
   */
  public int closeConnectionsNamedWithRawReason(String connectionName, byte[] reason) throws Exception {
    List<String> names = connectionsNamed(connectionName);
    URI uri = URI.create(base);
    for (String name : names) {
      try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
        java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
        request.writeBytes(("DELETE /api/connections/" + encode(name) + " HTTP/1.1\r\nHost: " + uri.getHost()
            + "\r\nAuthorization: " + authorization + "\r\nContent-Length: 0\r\nConnection: close\r\nX-Reason: ")
            .getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(reason);
        request.writeBytes("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().write(request.toByteArray());
        String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
        if (!status.startsWith("HTTP/1.1 2")) {
          throw new IllegalStateException("DELETE connection " + name + " answered " + status);
        }
      }
    }
    return names.size();
  }

  /**
   * Closes, as the broker, the connection with this client-given name, waiting for the
   * management API to list it first (it learns of new connections with a short delay).
   */
  public void closeConnectionWhenListed(String connectionName) {
    org.awaitility.Awaitility.await("connection " + connectionName + " listed by the management API")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> closeConnectionsNamed(connectionName) > 0);
  }

  /** Creates a user with the given permission patterns on the default vhost. */
  public void createUser(String user, String password, String configure, String write, String read) throws Exception {
    send("PUT", "/api/users/" + encode(user), Map.of("password", password, "tags", ""), Map.of());
    send("PUT", "/api/permissions/%2F/" + encode(user),
        Map.of("configure", configure, "write", write, "read", read), Map.of());
  }

  public void deleteUser(String user) throws Exception {
    send("DELETE", "/api/users/" + encode(user), null, Map.of());
  }

  /** Deletes a user a test may or may not have created; absent is fine. */
  public void deleteUserIfPresent(String user) {
    try {
      deleteUser(user);
    } catch (Exception e) {
      // not created, or already deleted by the test
    }
  }

  /**
   * Creates a virtual host of the test's own, where the test broker's user may do everything, so
   * the test's room exchange {@code chat} collides with nobody's.
   */
  public void createVhost(String vhost) throws Exception {
    send("PUT", "/api/vhosts/" + encode(vhost), null, Map.of());
    send("PUT", "/api/permissions/" + encode(vhost) + "/" + encode(RabbitMqSettings.fromUri(TestBroker.amqpUri()).username()),
        Map.of("configure", ".*", "write", ".*", "read", ".*"), Map.of());
  }

  /** Deletes a virtual host and everything in it (exchanges, queues, permissions). */
  public void deleteVhost(String vhost) {
    try {
      send("DELETE", "/api/vhosts/" + encode(vhost), null, Map.of());
    } catch (Exception e) {
      // best effort
    }
  }

  /** The management API's base URL, as lwqueue's --management-url takes it. */
  public String baseUrl() {
    return base;
  }

  /** GETs a path of the API ({@code /api/...}); anything but 2xx is an exception. */
  public JsonNode get(String path) throws Exception {
    return JSON.readTree(send("GET", path, null, Map.of()));
  }

  private String send(String method, String path, Object body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", authorization)
        .header("Content-Type", "application/json")
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    headers.forEach(request::header);
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
