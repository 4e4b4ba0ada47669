package dev.lwqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import dev.lwqueue.core.Capabilities;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConnectionEvent;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.DeliveryHandler;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.Subscription;
import dev.lwqueue.core.TransportException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link ChatTransport} must meet, in the manner of Go CDK's {@code drivertest}
 * and Spring Cloud Stream's {@code AbstractBinderTests}: a backend's test extends this class and
 * says how to open a transport on a given room (exchange or topic). Each test uses a room of its
 * own, so tests may share one broker.
 *
 * <p>Tests that need a capability the backend does not declare in {@link Capabilities} are
 * reported as disabled, each with its reason; every other test runs against the real broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class TransportConformanceSuite {

  private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);

  /** Opens a new transport on the given room. */
  protected abstract ChatTransport openTransport(String room);

  /** What the backend under test declares it supports; decides which tests apply. */
  protected abstract Capabilities capabilities();

  /** Where the backend's broker (or emulator) listens, for a proxy that cuts connections. */
  protected abstract InetSocketAddress brokerAddress();

  /** Opens a new transport on the given room that reaches the broker through this address. */
  protected abstract ChatTransport openTransportVia(String room, InetSocketAddress address);

  /** Whether the broker still knows a queue or subscription of this name. */
  protected abstract boolean subscriptionExists(String name);

  boolean keepsPublisherOrder() {
    return capabilities().keepsPublisherOrder();
  }

  boolean reportsRouting() {
    return capabilities().reportsRouting();
  }

  boolean durableSubscriptions() {
    return capabilities().durableSubscriptions();
  }

  boolean acceptsOneMebibyte() {
    return capabilities().maxMessageBytes() > (1 << 20) + 100;
  }

  /** Removes what a test left on the broker for its room; called after every test. */
  protected void cleanUpRoom(String room) {}

  /** How long to wait to be reasonably sure a message that should not arrive does not. */
  protected Duration quietPeriod() {
    return Duration.ofMillis(1500);
  }

  private final List<ChatTransport> opened = new ArrayList<>();
  private String room;

  @BeforeEach
  void nameRoom(TestInfo info) {
    String test = info.getTestMethod().map(m -> m.getName()).orElse("test");
    room = "lwq-test-" + test + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void closeAll() {
    opened.forEach(ChatTransport::close);
    opened.clear();
    cleanUpRoom(room);
  }

  protected String room() {
    return room;
  }

  protected ChatTransport transport() {
    ChatTransport t = openTransport(room);
    opened.add(t);
    return t;
  }

  protected static PublishReceipt confirmed(CompletableFuture<PublishReceipt> future) {
    try {
      return future.get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("publish was not confirmed", e);
    }
  }

  private void sleepQuietPeriod() throws InterruptedException {
    Thread.sleep(quietPeriod().toMillis());
  }

  @Test
  void roundTrip() {
    ChatTransport t = transport();
    RecordingHandler received = new RecordingHandler();
    t.subscribe(SubscribeOptions.temporary(), received);

    ChatMessage sent = ChatMessage.stamped("alice", "hello, room");
    confirmed(t.publish(sent));

    Delivery d = received.awaitCount(1).get(0);
    assertThat(d.message()).isEqualTo(sent);
    assertThat(d.problem()).isNull();
    assertThat(new String(d.body(), StandardCharsets.UTF_8)).contains("\"username\":\"alice\"");
  }

  @Test
  void publisherAndSubscriberOnSeparateConnections() {
    ChatTransport publisher = transport();
    ChatTransport subscriber = transport();
    RecordingHandler received = new RecordingHandler();
    subscriber.subscribe(SubscribeOptions.temporary(), received);

    confirmed(publisher.publish(ChatMessage.of("bob", "across connections")));

    received.awaitText("across connections");
  }

  @Test
  void fanOutReachesEverySubscriber() {
    ChatTransport t = transport();
    List<RecordingHandler> handlers = List.of(new RecordingHandler(), new RecordingHandler(), new RecordingHandler());
    for (RecordingHandler h : handlers) {
      transport().subscribe(SubscribeOptions.temporary(), h);
    }

    for (int i = 0; i < 10; i++) {
      confirmed(t.publish(ChatMessage.of("carol", "msg " + i)));
    }

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      expected.add("msg " + i);
    }
    for (RecordingHandler h : handlers) {
      h.awaitCount(10);
      assertThat(h.texts()).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  @EnabledIf(value = "keepsPublisherOrder", disabledReason = "backend does not keep publisher order")
  void keepsPublisherOrderFor1000Messages() {
    ChatTransport t = transport();
    RecordingHandler received = new RecordingHandler();
    transport().subscribe(SubscribeOptions.temporary(), received);

    List<CompletableFuture<PublishReceipt>> futures = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      expected.add("n" + i);
      futures.add(t.publish(ChatMessage.of("dave", "n" + i)));
    }
    futures.forEach(TransportConformanceSuite::confirmed);

    received.awaitCount(1000, Duration.ofSeconds(60));
    assertThat(received.texts()).containsExactlyElementsOf(expected);
  }

  @Test
  void unicodeArrivesIntact() {
    ChatTransport t = transport();
    RecordingHandler received = new RecordingHandler();
    t.subscribe(SubscribeOptions.temporary(), received);

    String text = "emoji 😀👍🏽 family 👨‍👩‍👧 CJK 你好世界 日本語 RTL مرحبا שלום combining é";
    ChatMessage sent = ChatMessage.of("zoë 🚀", text);
    confirmed(t.publish(sent));

    assertThat(received.awaitCount(1).get(0).message()).isEqualTo(sent);
  }

  @Test
  @EnabledIf(value = "acceptsOneMebibyte", disabledReason = "backend limit below 1 MiB")
  void oneMebibyteMessageArrivesIntact() {
    int size = 1 << 20;
    ChatTransport t = transport();
    RecordingHandler received = new RecordingHandler();
    t.subscribe(SubscribeOptions.temporary(), received);

    char[] chars = new char[size];
    for (int i = 0; i < size; i++) {
      chars[i] = (char) ('a' + i % 26);
    }
    String big = new String(chars);
    confirmed(t.publish(ChatMessage.of("erin", big)));

    Delivery d = received.awaitCount(1).get(0);
    assertThat(d.message()).isNotNull();
    assertThat(d.message().message()).hasSize(size).isEqualTo(big);
  }

  @Test
  void bodyThatIsNotJsonReachesHandlerRaw() {
    ChatTransport t = transport();
    RecordingHandler received = new RecordingHandler();
    t.subscribe(SubscribeOptions.temporary(), received);

    byte[] body = {'n', 'o', 't', ' ', 'j', 's', 'o', 'n', 0x1B, '[', '2', 'J', (byte) 0xFF, 0};
    confirmed(t.publishRaw(body, Map.of()));

    Delivery d = received.awaitCount(1).get(0);
    assertThat(d.body()).isEqualTo(body);
    assertThat(d.message()).isNull();
    assertThat(d.problem()).isNotBlank();
  }

  @Test
  void jsonOfAnotherShapeReachesHandlerRaw() {
    ChatTransport t = transport();
    RecordingHandler received = new RecordingHandler();
    t.subscribe(SubscribeOptions.temporary(), received);

    byte[] body = "{\"user\":\"x\",\"message\":42}".getBytes(StandardCharsets.UTF_8);
    confirmed(t.publishRaw(body, Map.of()));

    Delivery d = received.awaitCount(1).get(0);
    assertThat(d.body()).isEqualTo(body);
    assertThat(d.message()).isNull();
  }

  @Test
  void lateSubscriberDoesNotReceiveEarlierMessages() throws InterruptedException {
    ChatTransport t = transport();
    RecordingHandler early = new RecordingHandler();
    t.subscribe(SubscribeOptions.temporary(), early);

    confirmed(t.publish(ChatMessage.of("frank", "before")));
    early.awaitText("before");

    RecordingHandler late = new RecordingHandler();
    transport().subscribe(SubscribeOptions.temporary(), late);
    confirmed(t.publish(ChatMessage.of("frank", "after")));

    late.awaitText("after");
    sleepQuietPeriod();
    assertThat(late.texts()).containsExactly("after");
  }

  @Test
  void noDeliveryAfterSubscriptionIsClosed() throws InterruptedException {
    ChatTransport t = transport();
    RecordingHandler watcher = new RecordingHandler();
    t.subscribe(SubscribeOptions.temporary(), watcher);
    RecordingHandler closing = new RecordingHandler();
    Subscription sub = t.subscribe(SubscribeOptions.temporary(), closing);

    confirmed(t.publish(ChatMessage.of("gina", "one")));
    closing.awaitText("one");
    sub.close();

    confirmed(t.publish(ChatMessage.of("gina", "two")));
    watcher.awaitText("two");
    sleepQuietPeriod();
    assertThat(closing.texts()).containsExactly("one");
  }

  @Test
  void closeIsIdempotent() {
    ChatTransport t = transport();
    Subscription sub = t.subscribe(SubscribeOptions.temporary(), new RecordingHandler());
    sub.close();
    sub.close();
    t.close();
    t.close();
  }

  @Test
  void closingTransportClosesItsSubscriptions() throws InterruptedException {
    ChatTransport closing = transport();
    RecordingHandler closed = new RecordingHandler();
    closing.subscribe(SubscribeOptions.temporary(), closed);
    ChatTransport other = transport();
    RecordingHandler watcher = new RecordingHandler();
    other.subscribe(SubscribeOptions.temporary(), watcher);

    closing.close();
    confirmed(other.publish(ChatMessage.of("hal", "after close")));

    watcher.awaitText("after close");
    sleepQuietPeriod();
    assertThat(closed.count()).isZero();
  }

  @Test
  void publishAfterCloseFailsClearly() {
    ChatTransport t = transport();
    t.close();

    assertThatThrownBy(() -> t.publish(ChatMessage.of("ivy", "too late")).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("closed")
        .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.CLOSED));
  }

  @Test
  void subscribeAfterCloseFailsClearly() {
    ChatTransport t = transport();
    t.close();

    assertThatThrownBy(() -> t.subscribe(SubscribeOptions.temporary(), new RecordingHandler()))
        .isInstanceOf(TransportException.class)
        .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.CLOSED));
  }

  @Test
  @EnabledIf(value = "reportsRouting", disabledReason = "backend cannot tell whether a message was routed")
  void receiptSaysWhetherAnybodyReceivedIt() {
    ChatTransport t = transport();

    assertThat(confirmed(t.publish(ChatMessage.of("jo", "into the void"))).routing())
        .isEqualTo(PublishReceipt.Routing.UNROUTED);

    RecordingHandler received = new RecordingHandler();
    t.subscribe(SubscribeOptions.temporary(), received);
    assertThat(confirmed(t.publish(ChatMessage.of("jo", "heard"))).routing())
        .isEqualTo(PublishReceipt.Routing.ROUTED);
    received.awaitText("heard");
  }

  @Test
  @EnabledIf(value = "durableSubscriptions", disabledReason = "backend has no durable subscriptions")
  void namedSubscriptionKeepsMessagesWhileAway() {
    String name = room() + "-inbox";
    SubscribeOptions named = SubscribeOptions.named(name).withExpiry(Duration.ofMinutes(2));
    ChatTransport t = transport();

    RecordingHandler first = new RecordingHandler();
    Subscription sub = t.subscribe(named, first);
    assertThat(sub.durable()).isTrue();
    confirmed(t.publish(ChatMessage.of("kim", "while here")));
    first.awaitText("while here");
    sub.close();

    confirmed(t.publish(ChatMessage.of("kim", "while away")));

    RecordingHandler back = new RecordingHandler();
    try (Subscription again = transport().subscribe(named, back)) {
      back.awaitText("while away");
      assertThat(back.texts()).doesNotContain("while here");
    } finally {
      deleteNamedSubscription(name);
    }
  }

  @Test
  void unknownFieldsAreIgnoredAndOptionalOnesSurvive() {
    ChatTransport t = transport();
    RecordingHandler received = new RecordingHandler();
    t.subscribe(SubscribeOptions.temporary(), received);

    byte[] body =
        "{\"username\":\"lee\",\"message\":\"hi\",\"mood\":\"great\",\"id\":\"abc\",\"sent_at\":\"not a time\"}"
            .getBytes(StandardCharsets.UTF_8);
    confirmed(t.publishRaw(body, Map.of()));

    Delivery d = received.awaitCount(1).get(0);
    assertThat(d.message()).isEqualTo(new ChatMessage("lee", "hi", "abc", null));
    assertThat(Arrays.equals(d.body(), body)).isTrue();
  }

  /** Records a transport's connection events, for tests to wait on. */
  protected static final class Events implements dev.lwqueue.core.ConnectionListener {
    private final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ConnectionEvent event) {
      events.add(event);
    }

    public List<ConnectionEvent> all() {
      return List.copyOf(events);
    }

    public ConnectionEvent await(ConnectionEvent.State state, Duration atMost) {
      org.awaitility.Awaitility.await("a " + state + " event").atMost(atMost).until(() -> events.stream().anyMatch(e -> e.state() == state));
      return events.stream().filter(e -> e.state() == state).findFirst().orElseThrow();
    }
  }

  private void publishAll(ChatTransport t, ChatMessage... messages) {
    List<CompletableFuture<PublishReceipt>> futures = new ArrayList<>();
    for (ChatMessage m : messages) {
      futures.add(t.publish(m));
    }
    futures.forEach(TransportConformanceSuite::confirmed);
  }

  /** A named subscription with messages waiting in it, published while nobody listened. */
  private SubscribeOptions namedWithWaiting(ChatTransport t, String name, ChatMessage... waiting) {
    SubscribeOptions named = SubscribeOptions.named(name).withExpiry(Duration.ofMinutes(2));
    t.subscribe(named, new RecordingHandler()).close();
    publishAll(t, waiting);
    return named;
  }

  @Test
  @EnabledIf(value = "durableSubscriptions", disabledReason = "backend has no durable subscriptions")
  void aHandlerThatThrowsFailsTheSubscriptionAndTheMessageComesBack() {
    String name = room() + "-throws";
    ChatTransport t = transport();
    try {
      SubscribeOptions named = namedWithWaiting(t, name, ChatMessage.stamped("mo", "cannot be shown"));
      Events events = new Events();
      t.addConnectionListener(events);
      Subscription failing = t.subscribe(named, d -> {
        throw new IllegalStateException("the screen is gone");
      });

      ConnectionEvent failed = events.await(ConnectionEvent.State.FAILED, Duration.ofSeconds(30));
      assertThat(failed.detail()).contains(name).contains("the screen is gone").contains("returned");
      assertThat(failing.done().toCompletableFuture()).isCompletedExceptionally();
      failing.close();

      RecordingHandler again = new RecordingHandler();
      transport().subscribe(named, again);
      again.awaitText("cannot be shown");
    } finally {
      deleteNamedSubscription(name);
    }
  }

  @Test
  @EnabledIf(value = "durableSubscriptions", disabledReason = "backend has no durable subscriptions")
  void aHandlerThatThrowsKeepsWhatItShowedBeforeAcknowledged() throws InterruptedException {
    String name = room() + "-throws-third";
    ChatTransport t = transport();
    try {
      SubscribeOptions named = namedWithWaiting(t, name,
          ChatMessage.stamped("mo", "one"), ChatMessage.stamped("mo", "two"), ChatMessage.stamped("mo", "three"));
      Events events = new Events();
      t.addConnectionListener(events);
      RecordingHandler shown = new RecordingHandler();
      t.subscribe(named, d -> {
        if ("three".equals(d.message().message())) {
          throw new IllegalStateException("cannot show this one");
        }
        shown.onDelivery(d);
      });
      events.await(ConnectionEvent.State.FAILED, Duration.ofSeconds(30));
      assertThat(shown.texts()).containsExactly("one", "two");

      RecordingHandler again = new RecordingHandler();
      transport().subscribe(named, again);
      again.awaitText("three");
      sleepQuietPeriod();
      assertThat(again.texts()).containsExactly("three");
    } finally {
      deleteNamedSubscription(name);
    }
  }

  @Test
  @EnabledIf(value = "durableSubscriptions", disabledReason = "backend has no durable subscriptions")
  void outputThatCannotBeFinishedIsNotAcknowledged() {
    String name = room() + "-unflushed";
    ChatTransport t = transport();
    try {
      SubscribeOptions named = namedWithWaiting(t, name,
          ChatMessage.stamped("nat", "one"), ChatMessage.stamped("nat", "two"), ChatMessage.stamped("nat", "three"));
      Events events = new Events();
      t.addConnectionListener(events);
      RecordingHandler buffered = new RecordingHandler();
      t.subscribe(named, new DeliveryHandler() {
        @Override
        public void onDelivery(Delivery delivery) {
          buffered.onDelivery(delivery); // "printed" into a buffer...
        }

        @Override
        public void flush() {
          throw new IllegalStateException("the output is closed"); // ...that never reaches the output
        }
      });
      buffered.awaitCount(3);
      events.await(ConnectionEvent.State.FAILED, Duration.ofSeconds(30));

      RecordingHandler next = new RecordingHandler();
      transport().subscribe(named, next);
      next.awaitCount(3);
      assertThat(next.texts()).containsExactly("one", "two", "three");
    } finally {
      deleteNamedSubscription(name);
    }
  }

  @Test
  @EnabledIf(value = "durableSubscriptions", disabledReason = "backend has no durable subscriptions")
  void deliveryStopsAfterExactlyNDistinctMessagesAndLeavesTheRest() throws Exception {
    String name = room() + "-max";
    ChatTransport t = transport();
    try {
      ChatMessage first = ChatMessage.stamped("oz", "first");
      SubscribeOptions named = namedWithWaiting(t, name,
          first, first, ChatMessage.stamped("oz", "second"), ChatMessage.stamped("oz", "third"),
          ChatMessage.stamped("oz", "fourth"));

      RecordingHandler two = new RecordingHandler();
      Subscription limited = t.subscribe(named.withMaxMessages(2), two);
      limited.done().toCompletableFuture().get(30, TimeUnit.SECONDS);
      sleepQuietPeriod();
      // The duplicate of "first" was neither shown nor counted.
      assertThat(two.texts()).containsExactly("first", "second");
      limited.close();

      RecordingHandler rest = new RecordingHandler();
      transport().subscribe(named, rest);
      rest.awaitCount(2);
      sleepQuietPeriod();
      // Handed back, "third" may come after "fourth": a redelivery has no place in the order.
      assertThat(rest.texts()).containsExactlyInAnyOrder("third", "fourth");
    } finally {
      deleteNamedSubscription(name);
    }
  }

  @Test
  void aTemporarySubscriptionIsGoneAfterClose() {
    ChatTransport t = transport();
    Subscription sub = t.subscribe(SubscribeOptions.temporary(), new RecordingHandler());
    String name = sub.name();
    assertThat(subscriptionExists(name)).isTrue();
    sub.close();
    await("subscription " + name + " deleted").atMost(Duration.ofSeconds(30)).until(() -> !subscriptionExists(name));

    Subscription another = t.subscribe(SubscribeOptions.temporary(), new RecordingHandler());
    t.close();
    await("subscription " + another.name() + " deleted with its transport").atMost(Duration.ofSeconds(30))
        .until(() -> !subscriptionExists(another.name()));
  }

  @Test
  void aConnectionLostAndBackIsReportedAndDeliveryGoesOn() throws Exception {
    try (CuttingProxy proxy = new CuttingProxy(brokerAddress())) {
      ChatTransport subscriber = openTransportVia(room(), proxy.address());
      opened.add(subscriber);
      Events events = new Events();
      subscriber.addConnectionListener(events);
      RecordingHandler received = new RecordingHandler();
      subscriber.subscribe(SubscribeOptions.temporary(), received);
      ChatTransport publisher = transport();
      confirmed(publisher.publish(ChatMessage.stamped("pat", "before")));
      received.awaitText("before");

      proxy.cutAll();

      events.await(ConnectionEvent.State.RECOVERING, Duration.ofSeconds(60));
      ConnectionEvent back = events.await(ConnectionEvent.State.RECOVERED, Duration.ofSeconds(60));
      assertThat(back.downtime()).isPositive();
      assertThat(events.all()).noneMatch(e -> e.state() == ConnectionEvent.State.FAILED);
      // Delivery goes on: a message published after the recovery arrives.
      await("a message after the recovery").atMost(Duration.ofSeconds(60)).until(() -> {
        confirmed(publisher.publish(ChatMessage.stamped("pat", "after " + Instant.now())));
        Thread.sleep(500);
        return received.texts().stream().anyMatch(text -> text.startsWith("after "));
      });
    }
  }

  /** Deletes a named subscription a test created; backends with durable subscriptions override. */
  protected void deleteNamedSubscription(String name) {}
}
