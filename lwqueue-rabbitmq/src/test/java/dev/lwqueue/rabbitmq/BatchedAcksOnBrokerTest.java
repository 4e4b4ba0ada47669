package dev.lwqueue.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConnectionEvent.State;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.DeliveryHandler;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.Subscription;
import dev.lwqueue.testkit.RecordingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Batched acknowledgements on the real broker: nothing acknowledged that was not finished; and
 * what a durable queue still holds, as a subscription reports it.
 */
class BatchedAcksOnBrokerTest {

  private final String room = "lwq-test-acks-" + UUID.randomUUID().toString().substring(0, 8);
  private final String queue = room + "-inbox";
  private final List<ChatTransport> opened = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    opened.forEach(ChatTransport::close);
    TestBroker.deleteQueue(queue);
    TestBroker.deleteExchange(room);
  }

  private ChatTransport open() {
    ChatTransport t = RabbitMqTransport.connect(TestBroker.settings(room));
    opened.add(t);
    return t;
  }

  private void publish(ChatTransport transport, String... texts) {
    List<CompletableFuture<?>> confirms = new ArrayList<>();
    for (String text : texts) {
      confirms.add(transport.publish(ChatMessage.of("ann", text)));
    }
    confirms.forEach(CompletableFuture::join);
  }

  @Test
  void messagesWhoseOutputCouldNotBeFinishedGoBackToTheDurableQueue() {
    ChatTransport first = open();
    ConnectionEvents events = new ConnectionEvents();
    first.addConnectionListener(events);
    RecordingHandler shown = new RecordingHandler();
    first.subscribe(SubscribeOptions.named(queue), new DeliveryHandler() {
      @Override
      public void onDelivery(Delivery delivery) {
        shown.onDelivery(delivery); // "printed" into a buffer...
      }

      @Override
      public void flush() {
        throw new IllegalStateException("the output is closed"); // ...that never reaches the output
      }
    });
    publish(open(), "one", "two", "three");
    shown.awaitCount(3);

    events.awaitAtLeast(State.FAILED, 1, Duration.ofSeconds(30));
    assertThat(events.all().get(events.all().size() - 1).detail()).contains("returned to the queue");

    RecordingHandler next = new RecordingHandler();
    open().subscribe(SubscribeOptions.named(queue), next);
    next.awaitCount(3);
    assertThat(next.texts()).containsExactly("one", "two", "three");
    assertThat(next.deliveries()).allMatch(Delivery::redelivered);
  }

  @Test
  void fewerMessagesThanABatchAreStillAcknowledged() {
    ChatTransport transport = open();
    RecordingHandler first = new RecordingHandler();
    Subscription subscription = transport.subscribe(SubscribeOptions.named(queue), first);
    // Fewer than a batch (125): the idle flush or the close must acknowledge them.
    publish(transport, "a", "b", "c");
    first.awaitCount(3);
    subscription.close();

    publish(transport, "d");
    RecordingHandler second = new RecordingHandler();
    transport.subscribe(SubscribeOptions.named(queue), second);
    second.awaitText("d");
    // Unacknowledged ones would have gone back to the head of the queue, before d.
    assertThat(second.texts()).containsExactly("d");
  }

  /** A subscription says how many messages still wait in its queue (the archive's progress line). */
  @Test
  void backlogCountsWhatWaitsAndNotWhatWasDelivered() throws Exception {
    ChatTransport transport = open();
    transport.subscribe(SubscribeOptions.named(queue), d -> {}).close(); // the queue, bound, empty
    List<CompletableFuture<?>> confirms = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      confirms.add(transport.publish(ChatMessage.of("ann", "waiting " + i)));
    }
    confirms.forEach(CompletableFuture::join);

    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch first = new CountDownLatch(1);
    // Prefetch 1 and a handler that holds the first message: one delivered, four wait.
    Subscription subscription = transport.subscribe(SubscribeOptions.named(queue).withPrefetch(1), d -> {
      first.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      first.await();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(subscription.backlog()).hasValue(4));
    } finally {
      release.countDown();
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(subscription.backlog()).hasValue(0));
  }
}
