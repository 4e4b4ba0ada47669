package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.sun.net.httpserver.HttpServer;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.RabbitWorkQueues;
import dev.lwqueue.rabbitmq.TestBroker;
import dev.lwqueue.webhook.WebhookSecret;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * webhook, dead-letters and serve as the user runs them, on the test broker; and SIGTERM, as a
 * supervisor stops the bridge, on a real process.
 */
class WebhookCliTest {

  private final String exchange = "lwqueue-test-cli-web-" + UUID.randomUUID().toString().substring(0, 8);
  private final String queue = exchange + "-bridge";

  @AfterEach
  void cleanUp() {
    TestBroker.deleteQueue(queue);
    TestBroker.deleteQueue(RabbitWorkQueues.deadLetterQueue(queue));
    TestBroker.deleteExchange(exchange);
  }

  private String[] withBroker(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--url=" + TestBroker.amqpUri();
    all[args.length + 1] = "--exchange=" + exchange;
    return all;
  }

  @Test
  void secretNewPrintsAUsableSecret() {
    CliRun run = CliRun.run("webhook", "secret-new");
    assertThat(run.exitCode()).isZero();
    String secret = run.out().strip();
    assertThat(secret).startsWith("whsec_");
    assertThat(WebhookSecret.parse(secret).text()).isEqualTo(secret);
    assertThat(CliRun.run("webhook", "secret-new").out().strip()).isNotEqualTo(secret);
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertThat(CliRun.run(withBroker("webhook")).exitCode()).isEqualTo(ExitCode.USAGE.code());
    CliRun ftp = CliRun.run(withBroker("webhook", "ftp://example.org/x"));
    assertThat(ftp.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(ftp.err()).contains("http://");
    CliRun secret = CliRun.run(Map.of("LWQUEUE_WEBHOOK_SECRET", "whsec_short"), withBroker("webhook", "http://127.0.0.1:1/"));
    assertThat(secret.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(secret.err()).contains("secret").doesNotContain("whsec_short");
    assertThat(CliRun.run(withBroker("webhook", "--max-attempts", "0", "http://127.0.0.1:1/")).exitCode())
        .isEqualTo(ExitCode.USAGE.code());
  }

  @Test
  void deliversDeadLettersAndReplaysThem() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    List<String> signatures = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    boolean[] acceptAll = {false};
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(body);
      signatures.add(String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature")));
      exchange.sendResponseHeaders(body.contains("refuse me") && !acceptAll[0] ? 500 : 204, -1);
      exchange.close();
    });
    receiver.start();
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    try (CliRun bridge = CliRun.launch(Map.of("LWQUEUE_WEBHOOK_SECRET", WebhookSecret.generate().text()),
        withBroker("webhook", "--queue", queue, "--max-attempts", "2", "--min-backoff", "10ms", "--max-backoff", "20ms", url))) {
      bridge.awaitErr("the bridge running", err -> err.contains("delivering queue '" + queue + "'"), Duration.ofSeconds(30));
      assertThat(bridge.err()).contains("(signed").contains("dead letters in dead-letter exchange");
      try (ChatTransport room = RabbitMqTransport.connect(TestBroker.settings(exchange))) {
        room.publish(ChatMessage.stamped("alice", "take me")).get();
        // Not JSON, and with raw escape sequences: a foreign publisher's body, shown safely by list.
        room.publishRaw("refuse me \u001b]0;pwned\u0007 \u001b[31mred".getBytes(StandardCharsets.UTF_8), Map.of()).get();
      }
      bridge.awaitErr("a dead letter", err -> err.contains("gave up on message"), Duration.ofSeconds(30));
      assertThat(bridge.err()).contains("after 2 attempts (HTTP 500)");
      assertThat(bridge.stop()).isZero();
      assertThat(bridge.err()).contains("stopped: delivered 1, dead 1");
    }
    assertThat(received.stream().filter(b -> b.contains("take me"))).hasSize(1);
    assertThat(received.stream().filter(b -> b.contains("refuse me"))).hasSize(2);
    assertThat(signatures).allSatisfy(s -> assertThat(s).startsWith("v1,"));

    CliRun list = CliRun.run(withBroker("dead-letters", "list", "--queue", queue));
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("attempts 2").contains("status 500").contains("error HTTP 500").contains("refuse me");
    assertThat(list.err()).contains("1 dead letter(s)");
    assertThat(list.out()).as("remote text is terminal-safe").doesNotContain("\u001b").doesNotContain("\u0007");

    CliRun replay = CliRun.run(withBroker("dead-letters", "replay", "--queue", queue));
    assertThat(replay.out()).contains("replayed 1 dead letter(s)");
    acceptAll[0] = true;
    try (CliRun bridge = CliRun.launch(Map.of(), withBroker("webhook", "--queue", queue, url))) {
      bridge.awaitErr("unsigned warning", err -> err.contains("requests are sent unsigned"), Duration.ofSeconds(30));
      await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().filter(b -> b.contains("refuse me")).count() == 3);
      assertThat(bridge.stop()).isZero();
    }
    assertThat(CliRun.run(withBroker("dead-letters", "purge", "--queue", queue)).out()).contains("purged 0");
    receiver.stop(0);
  }

  @Test
  void deadLettersOfAQueueNoBridgeEverUsedAreNotFound() {
    CliRun run = CliRun.run(withBroker("dead-letters", "list", "--queue", "no-such-" + UUID.randomUUID()));
    assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
    assertThat(run.err()).contains("has no dead letters").doesNotContain("\tat ");
  }

  @Test
  void serveRefusesAnOpenAddressWithoutATokenAndServesOnLoopback() throws Exception {
    CliRun open = CliRun.run(withBroker("serve", "--listen", "0.0.0.0:0"));
    assertThat(open.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(open.err()).contains("needs a bearer token");

    try (CliRun serve = CliRun.launch(Map.of(), withBroker("serve", "--listen", "127.0.0.1:0"))) {
      serve.awaitErr("the server", err -> err.contains("serving the room on"), Duration.ofSeconds(30));
      Matcher port = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(serve.err());
      assertThat(port.find()).isTrue();
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(serve.stop()).isZero();
    }
  }

  @Test
  void sigtermFinishesTheRequestInFlightAndReturnsWhatWaitsForARetry() throws Exception {
    List<String> answered = new CopyOnWriteArrayList<>();
    List<String> arrived = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    receiver.setExecutor(Executors.newCachedThreadPool());
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      arrived.add(body);
      if (body.contains("slow")) {
        try {
          Thread.sleep(2000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int status = body.contains("later") ? 503 : 200;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      answered.add(body);
    });
    receiver.start();
    Path log = Files.createTempFile("lwqueue-webhook-process", ".log");
    Process process = LwqueueProcess.start(log, "webhook", "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange,
        "--queue", queue, "--min-backoff", "1m", "--max-backoff", "1m", "--timeout", "10s",
        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> queueExists());
      try (ChatTransport room = RabbitMqTransport.connect(TestBroker.settings(exchange))) {
        room.publish(ChatMessage.stamped("alice", "try later")).get();
        room.publish(ChatMessage.stamped("alice", "slow one")).get();
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> answered.stream().anyMatch(b -> b.contains("later"))
          && arrived.stream().anyMatch(b -> b.contains("slow one")));
      assertThat(answered).noneMatch(b -> b.contains("slow one"));

      LwqueueProcess.signal(process, "TERM");

      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
      assertThat(process.exitValue()).isZero();
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(err).contains("stopped: delivered 1, dead 0");
      assertThat(answered).anyMatch(b -> b.contains("slow one"));
      // The message waiting a minute for its retry is back in the queue; the delivered one is not.
      assertThat(messagesIn(queue)).isEqualTo(1);
    } finally {
      process.destroyForcibly();
      receiver.stop(0);
    }
  }

  private boolean queueExists() {
    try {
      messagesIn(queue);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static long messagesIn(String queue) throws Exception {
    try (Connection c = TestBroker.rawConnection(); Channel ch = c.createChannel()) {
      return ch.queueDeclarePassive(queue).getMessageCount();
    }
  }
}
