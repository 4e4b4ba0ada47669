package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.ReceivedMessage;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.pubsub.PubSubEmulator;
import dev.lwqueue.pubsub.PubSubTransport;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.TestBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code lwqueue subscribe --queue q | head -n 2} in a real process whose stdout is a pipe the test
 * reads two lines from and then closes, like {@code head} (issue 9, defect 3): the subscriber exits
 * at its next line with the same code on both backends, one error line and no stack trace, and
 * what it could not write stays in the queue.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClosedPipeTest {

  private static final int AFTER = 5;

  private static void publish(ChatTransport transport, String prefix, int n) {
    List<CompletableFuture<?>> confirms = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      confirms.add(transport.publish(ChatMessage.stamped("ann", prefix + i)));
    }
    confirms.forEach(CompletableFuture::join);
  }

  /** Starts the subscriber, reads two lines and closes the pipe, publishes more, checks the exit. */
  private static void headTwo(ChatTransport transport, SubscribeOptions queue, IntSupplier waitingInQueue,
      String... connection) throws Exception {
    transport.subscribe(queue, d -> { }).close();
    publish(transport, "before ", 3);
    Path log = Files.createTempFile("lwqueue-pipe-test", ".log");
    List<String> args = new ArrayList<>(List.of("subscribe", "--queue", queue.name()));
    args.addAll(List.of(connection));
    Process process = LwqueueProcess.start(log, args.toArray(String[]::new));
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo(SubscribeCommand.WAITING_LINE);
      assertThat(out.readLine()).contains("before 1");
      out.close(); // the reader goes away, like head after its lines

      publish(transport, "after ", AFTER);

      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after the pipe closed").isTrue();
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(err).isEqualTo(ExitCode.CONNECTION_LOST.code());
      assertThat(err).doesNotContain("\tat ").contains("lwqueue: error: ").contains("output is closed");
      assertThat(err.lines().filter(l -> l.startsWith("lwqueue: error: "))).hasSize(1);
      // Nothing written after the reader left was acknowledged.
      await().atMost(Duration.ofSeconds(60)).until(() -> waitingInQueue.getAsInt() >= AFTER);
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  @Test
  void onRabbitMq() throws Exception {
    String exchange = "lwq-pipe-" + UUID.randomUUID().toString().substring(0, 8);
    String queue = exchange + "-q";
    try (ChatTransport transport = RabbitMqTransport.connect(TestBroker.settings(exchange))) {
      headTwo(transport, SubscribeOptions.named(queue), () -> readyIn(queue),
          "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange);
    } finally {
      TestBroker.deleteQueue(queue);
      TestBroker.deleteExchange(exchange);
    }
  }

  private static int readyIn(String queue) {
    try (Connection c = TestBroker.rawConnection(); Channel ch = c.createChannel()) {
      return ch.queueDeclarePassive(queue).getMessageCount();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void onPubSub() throws Exception {
    String topic = "lwq-pipe-" + UUID.randomUUID().toString().substring(0, 8);
    String subscription = topic + "-s";
    Set<String> left = new HashSet<>();
    try (ChatTransport transport = PubSubTransport.connect(PubSubEmulator.settings(topic))) {
      headTwo(transport, SubscribeOptions.named(subscription), () -> {
        for (ReceivedMessage m : PubSubEmulator.subscriptionAdmin()
            .pull(ProjectSubscriptionName.of(PubSubEmulator.PROJECT, subscription), 100).getReceivedMessagesList()) {
          String body = m.getMessage().getData().toStringUtf8();
          if (body.contains("after ")) {
            left.add(body);
          }
        }
        return left.size();
      }, "--backend", "pubsub", "--emulator-host", PubSubEmulator.host(), "--project", PubSubEmulator.PROJECT,
          "--topic", topic);
    } finally {
      PubSubEmulator.deleteSubscription(subscription);
      PubSubEmulator.deleteTopic(topic);
    }
  }
}
