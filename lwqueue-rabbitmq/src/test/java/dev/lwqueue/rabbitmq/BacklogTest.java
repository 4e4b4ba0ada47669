package dev.lwqueue.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A subscription says how many messages still wait in its queue (the archive's progress line). */
class BacklogTest {

  private final String room = "lwq-test-backlog-" + UUID.randomUUID().toString().substring(0, 8);
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

  @Test
  void countsWhatWaitsAndNotWhatWasDelivered() throws Exception {
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
