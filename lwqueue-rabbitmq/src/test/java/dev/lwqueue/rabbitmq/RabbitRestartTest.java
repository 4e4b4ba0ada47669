package dev.lwqueue.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ConnectionEvent.State;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.testkit.RecordingHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A broker restart on a node of the test's own. The exchange is not durable (as the Python
 * original declares it), so the restarted broker has forgotten it and the binding of the durable
 * queue: both must be declared again by the reconnecting transport, or the subscriber goes deaf.
 */
@Tag(DedicatedNode.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RabbitRestartTest {

  private static final Duration RECOVERY = Duration.ofSeconds(90);
  private DedicatedNode node;

  @BeforeAll
  void startNode() throws Exception {
    node = DedicatedNode.start("lwqtransport", 5683, 25683, List.of());
  }

  @AfterAll
  void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  /** Restarts the broker application (restoring it even if stopping failed) and waits for both to come back. */
  private void restartAndAwaitRecovery(ConnectionEvents... transports) throws Exception {
    try {
      node.stopApp();
    } finally {
      node.startApp();
    }
    for (ConnectionEvents events : transports) {
      events.awaitAtLeast(State.RECOVERED, 1, RECOVERY);
    }
  }

  private ChatTransport connect(String name, ConnectionEvents events) {
    ChatTransport t = RabbitMqTransport.connect(RabbitMqSettings.fromUri(node.amqpUri()).withConnectionName(name));
    t.addConnectionListener(events);
    return t;
  }

  @Test
  void namedQueueIsBoundAgainAfterABrokerRestartAndKeepsWhatWasSentMeanwhile() throws Exception {
    ConnectionEvents subEvents = new ConnectionEvents();
    ConnectionEvents pubEvents = new ConnectionEvents();
    try (ChatTransport subscriber = connect("restart-sub", subEvents);
        ChatTransport publisher = connect("restart-pub", pubEvents)) {
      RecordingHandler received = new RecordingHandler();
      subscriber.subscribe(SubscribeOptions.named("restart-inbox"), received);
      publisher.publish(ChatMessage.of("dee", "before")).join();
      received.awaitText("before");

      restartAndAwaitRecovery(subEvents, pubEvents);

      PublishReceipt receipt = publisher.publish(ChatMessage.of("dee", "after restart")).join();
      assertThat(receipt.routing()).as("the durable queue is bound to the re-declared exchange")
          .isEqualTo(PublishReceipt.Routing.ROUTED);
      received.awaitText("after restart");
      assertThat(subEvents.count(State.FAILED)).isZero();
    }
  }

  @Test
  void temporarySubscriberGetsANewQueueAfterABrokerRestart() throws Exception {
    ConnectionEvents subEvents = new ConnectionEvents();
    ConnectionEvents pubEvents = new ConnectionEvents();
    try (ChatTransport subscriber = connect("restart-tmp-sub", subEvents);
        ChatTransport publisher = connect("restart-tmp-pub", pubEvents)) {
      RecordingHandler received = new RecordingHandler();
      subscriber.subscribe(SubscribeOptions.temporary(), received);

      restartAndAwaitRecovery(subEvents, pubEvents);

      assertThat(publisher.publish(ChatMessage.of("eve", "hello again")).join().routing())
          .isEqualTo(PublishReceipt.Routing.ROUTED);
      received.awaitText("hello again");
    }
  }
}
