package dev.lwqueue.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.Subscription;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.TestBroker;
import dev.lwqueue.testkit.RecordingHandler;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code serve} on the test broker: every status it answers, streams, the token. */
class ChatServerTest {

  private final String room = "lwqueue-test-serve-" + UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newHttpClient();
  private ChatServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    TestBroker.deleteExchange(room);
  }

  private ChatServer start(String token, int maxBytes) {
    ServeOptions options =
        new ServeOptions(new InetSocketAddress("127.0.0.1", 0), token, maxBytes, Duration.ofSeconds(10));
    server = ChatServer.start(options, () -> RabbitMqTransport.connect(TestBroker.settings(room)));
    return server;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri("/messages")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aPostedMessageReachesTheRoomAndIsAnsweredWith201AndItsId() throws Exception {
    start(null, 1024);
    RecordingHandler subscriber = new RecordingHandler();
    try (ChatTransport transport = RabbitMqTransport.connect(TestBroker.settings(room));
        Subscription ignored = transport.subscribe(SubscribeOptions.temporary(), subscriber)) {
      HttpResponse<String> response = post("{\"username\":\"web\",\"message\":\"hello from HTTP\"}");
      assertThat(response.statusCode()).isEqualTo(201);
      String id = ChatCodec.mapper().readTree(response.body()).get("id").asText();
      assertThat(id).isNotBlank();
      subscriber.awaitCount(1, Duration.ofSeconds(10));
      assertThat(subscriber.messages().get(0).id()).isEqualTo(id);
      assertThat(subscriber.messages().get(0).username()).isEqualTo("web");
      assertThat(subscriber.messages().get(0).message()).isEqualTo("hello from HTTP");
    }
  }

  @Test
  void anythingThatIsNotAChatMessageIs400() throws Exception {
    start(null, 1024);
    for (String body : List.of("", "hello", "[1,2]", "{\"username\":\"a\"}", "{\"message\":\"m\"}",
        "{\"username\":1,\"message\":\"m\"}", "{\"username\":\" \",\"message\":\"m\"}")) {
      HttpResponse<String> response = post(body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(ChatCodec.mapper().readTree(response.body()).get("error").asText()).startsWith("not a chat message");
    }
  }

  @Test
  void aBodyOverMaxBytesIs413() throws Exception {
    start(null, 100);
    HttpResponse<String> response = post("{\"username\":\"a\",\"message\":\"" + "x".repeat(200) + "\"}");
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(post("{\"username\":\"a\",\"message\":\"short\"}").statusCode()).isEqualTo(201);
  }

  @Test
  void anUnreachableBrokerIs503OnEveryRouteThatNeedsIt() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    RabbitMqSettings nowhere = RabbitMqSettings.of("127.0.0.1", closedPort, "guest", "guest").withExchange(room);
    server = ChatServer.start(new ServeOptions(new InetSocketAddress("127.0.0.1", 0), null, 1024, Duration.ofSeconds(5)),
        () -> RabbitMqTransport.connect(nowhere));
    assertThat(post("{\"username\":\"a\",\"message\":\"b\"}").statusCode()).isEqualTo(503);
    assertThat(get("/health", null).statusCode()).isEqualTo(503);
    assertThat(get("/messages/stream", null).statusCode()).isEqualTo(503);
    assertThat(get("/", null).statusCode()).as("the page is served anyway").isEqualTo(200);
  }

  @Test
  void healthIs200WhenConnected() throws Exception {
    start(null, 1024);
    HttpResponse<String> response = get("/health", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ChatCodec.mapper().readTree(response.body()).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void streamsTheRoomToTwoClientsAtOnceAsTheJsonOfSubscribeModeJson() throws Exception {
    start(null, 4096);
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    for (List<String> lines : List.of(first, second)) {
      http.sendAsync(HttpRequest.newBuilder(uri("/messages/stream")).build(), HttpResponse.BodyHandlers.ofLines())
          .thenAccept(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
            try (Stream<String> stream = response.body()) {
              stream.forEach(lines::add);
            }
          });
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> server.streamClients() == 2);
    try (ChatTransport transport = RabbitMqTransport.connect(TestBroker.settings(room))) {
      transport.publish(dev.lwqueue.core.ChatMessage.stamped("terminal", "line one\nline two")).get();
    }
    assertThat(post("{\"username\":\"web\",\"message\":\"<b>bold?</b>\"}").statusCode()).isEqualTo(201);
    for (List<String> lines : List.of(first, second)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().filter(l -> l.startsWith("data: ")).count() == 2);
      List<JsonNode> events = lines.stream().filter(l -> l.startsWith("data: "))
          .map(l -> {
            try {
              return ChatCodec.mapper().readTree(l.substring(6));
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          }).toList();
      assertThat(events.get(0).get("username").asText()).isEqualTo("terminal");
      assertThat(events.get(0).get("message").asText()).isEqualTo("line one\nline two");
      assertThat(events.get(1).get("message").asText()).isEqualTo("<b>bold?</b>");
      for (JsonNode event : events) {
        assertThat(event.has("received_at")).isTrue();
        assertThat(event.has("redelivered")).isTrue();
        assertThat(event.has("bytes")).isTrue();
        assertThat(event.has("body")).isTrue();
      }
    }
  }

  @Test
  void withATokenEveryRouteRefusesARequestWithoutIt() throws Exception {
    start("s3cret-token", 1024);
    for (String path : List.of("/", "/app.js", "/health", "/messages/stream")) {
      HttpResponse<String> refused = get(path, null);
      assertThat(refused.statusCode()).as(path).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
          v -> assertThat(v).startsWith("Bearer"));
      assertThat(get(path, "Bearer wrong").statusCode()).as(path).isEqualTo(401);
    }
    assertThat(post("{\"username\":\"a\",\"message\":\"b\"}").statusCode()).isEqualTo(401);
    assertThat(get("/health", "Bearer s3cret-token").statusCode()).isEqualTo(200);
    HttpResponse<String> page = get("/?access_token=s3cret-token", null);
    assertThat(page.statusCode()).isEqualTo(200);
    String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
    assertThat(get("/?access_token=wrong", null).statusCode()).isEqualTo(401);
    HttpResponse<String> withCookie = http.send(HttpRequest.newBuilder(uri("/app.js"))
        .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(withCookie.statusCode()).as("the page's script, loaded with the cookie").isEqualTo(200);
    assertThat(http.send(HttpRequest.newBuilder(uri("/app.js")).header("Cookie", "lwqueue_token=wrong").build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(uri("/messages"))
        .header("Authorization", "Bearer s3cret-token")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"a\",\"message\":\"b\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).isEqualTo(201);
  }

  @Test
  void anAddressOthersCanReachNeedsAToken() {
    assertThatThrownBy(() -> new ServeOptions(new InetSocketAddress("0.0.0.0", 0), null, 1024, Duration.ofSeconds(1)))
        .hasMessageContaining("token");
    assertThat(new ServeOptions(new InetSocketAddress("0.0.0.0", 0), "t", 1024, Duration.ofSeconds(1)).token())
        .isEqualTo("t");
  }

  @Test
  void thePageIsServedWithAContentSecurityPolicyAndNoInlineScript() throws Exception {
    start(null, 1024);
    HttpResponse<String> page = get("/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).contains("script-src 'self'"));
    assertThat(page.body()).contains("<script src=\"app.js\"");
    String script = get("/app.js", null).body();
    assertThat(script).contains("textContent").doesNotContain("innerHTML").doesNotContain("insertAdjacentHTML");
    assertThat(get("/nothing-here", null).statusCode()).isEqualTo(404);
  }
}
