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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SIGTERM, as a supervisor stops the bridge: the request in flight finishes, the rest waits in the queue. */
class WebhookProcessTest {

  private final String exchange = "lwq-webhook-proc-" + UUID.randomUUID().toString().substring(0, 8);
  private final String queue = exchange + "-bridge";

  @AfterEach
  void cleanUp() {
    TestBroker.deleteQueue(queue);
    TestBroker.deleteQueue(RabbitWorkQueues.deadLetterQueue(queue));
    TestBroker.deleteExchange(exchange);
  }

  @Test
  void sigtermFinishesTheRequestInFlightAndReturnsWhatWaitsForARetry() throws Exception {
    List<String> answered = new CopyOnWriteArrayList<>();
    List<String> arrived = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
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

      LwqueueProcess.terminate(process);

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
