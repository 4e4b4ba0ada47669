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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code subscribe --max-messages N} on a durable queue with more waiting: exactly N shown, the rest
 * left in the queue (issue 9, defect 2), on both backends.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MaxMessagesTest {

  private static final int WAITING = 17;

  private static void publishWaiting(ChatTransport transport, SubscribeOptions queue) {
    transport.subscribe(queue, d -> { }).close(); // the durable queue exists before the messages
    List<CompletableFuture<?>> confirms = new ArrayList<>();
    for (int i = 1; i <= WAITING; i++) {
      confirms.add(transport.publish(ChatMessage.stamped("ann", "message " + i)));
    }
    confirms.forEach(CompletableFuture::join);
  }

  private static List<String> receivedLines(CliRun run) {
    return run.out().lines().filter(l -> l.startsWith("Received ")).toList();
  }

  @Test
  void onRabbitMqOneMessageIsShownAndSixteenStayInTheQueue() throws Exception {
    String exchange = "lwq-max-" + UUID.randomUUID().toString().substring(0, 8);
    String queue = exchange + "-q";
    try (ChatTransport transport = RabbitMqTransport.connect(TestBroker.settings(exchange))) {
      publishWaiting(transport, SubscribeOptions.named(queue));
      String[] args = {"subscribe", "--queue", queue, "--max-messages", "1",
          "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange};

      for (int i = 1; i <= 3; i++) {
        CliRun run = CliRun.run(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        String expected = "\"message " + i + "\"";
        assertThat(receivedLines(run)).as("run " + i).hasSize(1).allMatch(l -> l.contains(expected));
        int left = WAITING - i;
        await().atMost(Duration.ofSeconds(10)).until(() -> readyIn(queue) == left);
      }
    } finally {
      TestBroker.deleteQueue(queue);
      TestBroker.deleteExchange(exchange);
    }
  }

  private static int readyIn(String queue) throws Exception {
    try (Connection c = TestBroker.rawConnection(); Channel ch = c.createChannel()) {
      return ch.queueDeclarePassive(queue).getMessageCount();
    }
  }

  @Test
  void onPubSubOneMessageIsShownAndSixteenStayInTheSubscription() {
    String topic = "lwq-max-" + UUID.randomUUID().toString().substring(0, 8);
    String subscription = topic + "-s";
    Map<String, String> env = PubSubCliEnv.forTopic(topic);
    try (ChatTransport transport = PubSubTransport.connect(PubSubEmulator.settings(topic))) {
      publishWaiting(transport, SubscribeOptions.named(subscription));

      CliRun run = CliRun.run(env, "subscribe", "--subscription", subscription, "--max-messages", "1");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(receivedLines(run)).hasSize(1);
      String shown = receivedLines(run).get(0);
      // The other sixteen are still there, unacknowledged: a plain pull finds each of them.
      Set<String> left = new HashSet<>();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (ReceivedMessage m : PubSubEmulator.subscriptionAdmin()
            .pull(ProjectSubscriptionName.of(PubSubEmulator.PROJECT, subscription), 100).getReceivedMessagesList()) {
          left.add(m.getMessage().getData().toStringUtf8());
        }
        return left.size() >= WAITING - 1;
      });
      assertThat(left).hasSize(WAITING - 1).noneMatch(body -> shown.contains(body));
    } finally {
      PubSubEmulator.deleteSubscription(subscription);
      PubSubEmulator.deleteTopic(topic);
    }
  }
}
