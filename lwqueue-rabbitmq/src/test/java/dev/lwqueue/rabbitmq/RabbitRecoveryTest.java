package dev.lwqueue.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConfirmedPublish;
import dev.lwqueue.core.ConnectionEvent.State;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.Subscription;
import dev.lwqueue.testkit.RecordingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reconnects on the shared broker: the broker closes one of this test's own connections (by its
 * unique connection name, through the management API) and the transport must come back with its
 * queue, binding and consumer.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RabbitRecoveryTest {

  private static final Duration RECOVERY = Duration.ofSeconds(60);

  private final BrokerAdmin admin = BrokerAdmin.forTestBroker();
  private final List<ChatTransport> opened = new ArrayList<>();
  private String room;

  @BeforeEach
  void nameRoom() {
    room = "lwq-test-recovery-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void closeAll() {
    opened.forEach(ChatTransport::close);
    TestBroker.deleteExchange(room);
  }

  private ChatTransport open(String connectionName) {
    ChatTransport t = RabbitMqTransport.connect(TestBroker.settings(room).withConnectionName(connectionName));
    opened.add(t);
    return t;
  }

  private String uniqueName(String what) {
    return "lwq-test-" + what + "-" + UUID.randomUUID();
  }


  @Test
  void temporarySubscriberComesBackAfterTheBrokerClosedItsConnection() {
    String name = uniqueName("sub");
    ChatTransport subscriber = open(name);
    ConnectionEvents events = new ConnectionEvents();
    subscriber.addConnectionListener(events);
    RecordingHandler received = new RecordingHandler();
    Subscription sub = subscriber.subscribe(SubscribeOptions.temporary(), received);
    String queueBefore = sub.name();
    ChatTransport publisher = open(uniqueName("pub"));

    admin.closeConnectionWhenListed(name);
    events.awaitAtLeast(State.RECOVERING, 1, RECOVERY);
    events.awaitAtLeast(State.RECOVERED, 1, RECOVERY);

    // Confirmed and routed means the recovered queue is bound again.
    assertThat(publisher.publish(ChatMessage.of("ann", "after recovery")).join().routing())
        .isEqualTo(PublishReceipt.Routing.ROUTED);
    received.awaitText("after recovery");
    assertThat(events.count(State.FAILED)).isZero();
    assertThat(events.all().stream().filter(e -> e.state() == State.RECOVERED).findFirst().orElseThrow().downtime())
        .isPositive();
    assertThat(queueBefore).isNotBlank();
  }

  @Test
  void namedSubscriberGetsWhatWasSentWhileItsConnectionWasDown() {
    String name = uniqueName("named");
    String queue = room + "-inbox";
    try {
      ChatTransport subscriber = open(name);
      ConnectionEvents events = new ConnectionEvents();
      subscriber.addConnectionListener(events);
      RecordingHandler received = new RecordingHandler();
      subscriber.subscribe(SubscribeOptions.named(queue).withExpiry(Duration.ofMinutes(5)), received);
      ChatTransport publisher = open(uniqueName("pub"));

      admin.closeConnectionWhenListed(name);
      publisher.publish(ChatMessage.of("bo", "while down")).join();
      events.awaitAtLeast(State.RECOVERED, 1, RECOVERY);
      publisher.publish(ChatMessage.of("bo", "after")).join();

      received.awaitText("while down");
      received.awaitText("after");
    } finally {
      TestBroker.deleteQueue(queue);
    }
  }

  @Test
  void confirmedPublishRetriesOverADroppedConnection() {
    RecordingHandler received = new RecordingHandler();
    open(uniqueName("sub")).subscribe(SubscribeOptions.temporary(), received);
    String name = uniqueName("sender");
    ChatTransport sender = open(name);
    ChatMessage message = ChatMessage.stamped("cy", "sent across a reconnect");

    admin.closeConnectionWhenListed(name);
    PublishReceipt receipt = ConfirmedPublish.publish(
        sender, ChatCodec.encode(message), Map.of(), Duration.ofSeconds(60));

    assertThat(receipt.routing()).isEqualTo(PublishReceipt.Routing.ROUTED);
    received.awaitText("sent across a reconnect");
    assertThat(received.messages()).allSatisfy(m -> assertThat(m.id()).isEqualTo(message.id()));
  }

  @Test
  void aMessageTheHandlerCouldNotShowStaysInTheDurableQueue() {
    String queue = room + "-unshown";
    try {
      ChatTransport first = open(uniqueName("failing"));
      ConnectionEvents events = new ConnectionEvents();
      first.addConnectionListener(events);
      first.subscribe(SubscribeOptions.named(queue), d -> {
        throw new IllegalStateException("the output is closed");
      });
      ChatTransport publisher = open(uniqueName("pub"));
      publisher.publish(ChatMessage.of("ida", "not lost")).join();

      // The subscription stops and says why, instead of acknowledging what nobody saw.
      events.awaitAtLeast(State.FAILED, 1, Duration.ofSeconds(30));
      assertThat(events.all().get(events.all().size() - 1).detail()).contains("returned to the queue");

      RecordingHandler next = new RecordingHandler();
      open(uniqueName("next")).subscribe(SubscribeOptions.named(queue), next);
      next.awaitText("not lost");
      assertThat(next.deliveries().get(0).redelivered()).isTrue();
    } finally {
      TestBroker.deleteQueue(queue);
    }
  }
}
