package dev.lwqueue.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.api.gax.rpc.NotFoundException;
import com.google.protobuf.util.Durations;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.TopicName;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConnectionEvent;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.Subscription;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import dev.lwqueue.testkit.RecordingHandler;
import dev.lwqueue.pubsub.RefusingPubSubServer.Refusal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the Pub/Sub transport does beyond the shared contract, on the emulator. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PubSubTransportTest {

  private final String topic = "lwq-unit-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<ChatTransport> opened = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    opened.forEach(ChatTransport::close);
    PubSubEmulator.deleteTopic(topic);
  }

  private ChatTransport transport() {
    ChatTransport t = PubSubTransport.connect(PubSubEmulator.settings(topic));
    opened.add(t);
    return t;
  }

  /** Whether lwqueue checks this named subscription's filter on the client (it reads it on subscribe). */
  private boolean filtersOnClient(String subscription) {
    PubSubClients clients = PubSubClients.open(PubSubEmulator.settings(topic));
    try {
      return new SubscriptionSetup(clients, new TopicPath(clients.project, topic))
          .named(SubscribeOptions.named(subscription)).filter() != null;
    } finally {
      clients.close();
    }
  }

  private static PublishReceipt confirmed(java.util.concurrent.CompletableFuture<PublishReceipt> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  private static List<ReceivedMessage> pullRaw(String subscription, int atLeast) {
    List<ReceivedMessage> all = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      PullResponse r = PubSubEmulator.subscriptionAdmin()
          .pull(ProjectSubscriptionName.of(PubSubEmulator.PROJECT, subscription), 100);
      all.addAll(r.getReceivedMessagesList());
      return all.size() >= atLeast;
    });
    return all;
  }

  @Test
  void createsTheTopicWhenMissingAndReusesIt() {
    assertThat(PubSubEmulator.subscriptionsOf(topic)).isEmpty();
    transport();
    assertThat(PubSubEmulator.topicAdmin().getTopic(TopicName.of(PubSubEmulator.PROJECT, topic)).getName())
        .endsWith("/topics/" + topic);
    ChatTransport second = transport();
    assertThat(second.describe()).contains(topic).contains(PubSubEmulator.PROJECT).contains("emulator");
  }

  @Test
  void dataAreTheChatJsonBytesAndTheUsernameIsAnAttribute() throws Exception {
    ChatTransport t = transport();
    PubSubEmulator.createSubscription(topic + "-raw", topic, null);
    ChatMessage sent = ChatMessage.stamped("zoë", "hello from Java");

    PublishReceipt receipt = confirmed(t.publish(sent));

    ReceivedMessage raw = pullRaw(topic + "-raw", 1).get(0);
    assertThat(raw.getMessage().getData().toByteArray()).isEqualTo(ChatCodec.encode(sent));
    assertThat(raw.getMessage().getAttributesMap()).containsEntry("username", "zoë");
    assertThat(raw.getMessage().getMessageId()).isEqualTo(receipt.brokerMessageId());
    assertThat(receipt.routing()).isEqualTo(PublishReceipt.Routing.UNKNOWN);
  }

  @Test
  void aBodyFromAnotherClientWithoutAttributesIsDelivered() throws Exception {
    // What the course's Python Pub/Sub publisher sends: JSON data, no attributes.
    ChatTransport t = transport();
    RecordingHandler received = new RecordingHandler();
    t.subscribe(SubscribeOptions.temporary(), received);
    byte[] body = "{\"username\": \"py\", \"message\": \"from python\"}".getBytes(StandardCharsets.UTF_8);

    PubSubEmulator.topicAdmin().publish(TopicName.of(PubSubEmulator.PROJECT, topic),
        List.of(com.google.pubsub.v1.PubsubMessage.newBuilder()
            .setData(com.google.protobuf.ByteString.copyFrom(body)).build()));

    assertThat(received.awaitCount(1).get(0).message()).isEqualTo(ChatMessage.of("py", "from python"));
  }

  @Test
  void aTemporarySubscriptionExpiresAfterADayUnusedAndIsDeletedOnClose() {
    ChatTransport t = transport();
    Subscription sub = t.subscribe(SubscribeOptions.temporary(), new RecordingHandler());

    assertThat(sub.durable()).isFalse();
    assertThat(PubSubEmulator.subscriptionsOf(topic)).containsExactly(
        ProjectSubscriptionName.of(PubSubEmulator.PROJECT, sub.name()).toString());
    com.google.pubsub.v1.Subscription config = PubSubEmulator.subscriptionAdmin()
        .getSubscription(ProjectSubscriptionName.of(PubSubEmulator.PROJECT, sub.name()));
    assertThat(Durations.toSeconds(config.getExpirationPolicy().getTtl())).isEqualTo(Duration.ofDays(1).toSeconds());
    assertThat(config.getEnableMessageOrdering()).isTrue();

    sub.close();

    assertThat(PubSubEmulator.subscriptionsOf(topic)).isEmpty();
  }

  @Test
  void closingTheTransportDeletesItsTemporarySubscriptions() {
    ChatTransport t = transport();
    t.subscribe(SubscribeOptions.temporary(), new RecordingHandler());
    t.subscribe(SubscribeOptions.temporary(), new RecordingHandler());
    assertThat(PubSubEmulator.subscriptionsOf(topic)).hasSize(2);

    t.close();

    assertThat(PubSubEmulator.subscriptionsOf(topic)).isEmpty();
  }

  @Test
  void aNamedSubscriptionStaysAfterClose() {
    String name = topic + "-keep";
    Subscription sub = transport().subscribe(SubscribeOptions.named(name), new RecordingHandler());
    assertThat(sub.durable()).isTrue();

    sub.close();

    assertThat(PubSubEmulator.subscriptionsOf(topic))
        .containsExactly(ProjectSubscriptionName.of(PubSubEmulator.PROJECT, name).toString());
  }

  @Test
  void subscribersSharingANamedSubscriptionSplitTheMessages() throws Exception {
    String name = topic + "-workers";
    ChatTransport t = transport();
    RecordingHandler one = new RecordingHandler();
    RecordingHandler two = new RecordingHandler();
    t.subscribe(SubscribeOptions.named(name), one);
    transport().subscribe(SubscribeOptions.named(name), two);

    Set<String> sent = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      sent.add("job " + i);
      confirmed(t.publish(ChatMessage.of("boss", "job " + i)));
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> one.count() + two.count() >= 40);
    Thread.sleep(1000);
    List<String> all = new ArrayList<>(one.texts());
    all.addAll(two.texts());
    assertThat(all).hasSize(40).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void aNamedSubscriptionOfAnotherTopicIsRefused() {
    String other = topic + "-other";
    PubSubEmulator.createTopic(other);
    try {
      PubSubEmulator.createSubscription(topic + "-elsewhere", other, null);
      ChatTransport t = transport();

      assertThatThrownBy(() -> t.subscribe(SubscribeOptions.named(topic + "-elsewhere"), new RecordingHandler()))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("belongs to")
          .hasMessageContaining(other)
          .extracting(e -> ((TransportException) e).kind()).isEqualTo(Kind.TOPOLOGY_MISMATCH);
    } finally {
      PubSubEmulator.deleteTopic(other);
    }
  }

  @Test
  void aNamedSubscriptionRefusedLeavesNoTopicBehind() {
    String other = topic + "-other";
    PubSubEmulator.createTopic(other);
    try {
      PubSubEmulator.createSubscription(topic + "-elsewhere", other, null);
      assertThat(PubSubEmulator.topicExists(topic)).isFalse();
      ChatTransport t = transport();

      assertThatThrownBy(() -> t.subscribe(SubscribeOptions.named(topic + "-elsewhere"), new RecordingHandler()))
          .isInstanceOf(TransportException.class)
          .extracting(e -> ((TransportException) e).kind()).isEqualTo(Kind.TOPOLOGY_MISMATCH);
      assertThat(PubSubEmulator.topicExists(topic)).as("topic created for the refused subscription").isFalse();
    } finally {
      PubSubEmulator.deleteTopic(other);
    }
  }

  @Test
  void theFilterOfASubscriptionIsCheckedOnTheClientBecauseTheEmulatorIgnoresIt() throws Exception {
    String filter = "attributes.username = \"alice\"";
    ChatTransport t = transport();
    PubSubEmulator.createSubscription(topic + "-alice", topic, filter);
    PubSubEmulator.createSubscription(topic + "-alice-raw", topic, filter);
    RecordingHandler received = new RecordingHandler();
    Subscription sub = t.subscribe(SubscribeOptions.named(topic + "-alice"), received);
    assertThat(filtersOnClient(topic + "-alice")).isTrue();

    confirmed(t.publish(ChatMessage.of("bob", "not for alice's subscription")));
    confirmed(t.publish(ChatMessage.of("alice", "for it")));

    // The emulator hands both to a plain pull on a subscription with the same filter...
    assertThat(pullRaw(topic + "-alice-raw", 2)).extracting(m -> m.getMessage().getAttributesMap().get("username"))
        .containsExactlyInAnyOrder("bob", "alice");
    // ...while lwqueue delivers only the one the filter lets through, as Google would.
    received.awaitText("for it");
    Thread.sleep(1500);
    assertThat(received.texts()).containsExactly("for it");
  }

  @Test
  void aSubscriptionDeletedUnderneathEndsWithAFailedEvent() {
    String name = topic + "-doomed";
    ChatTransport t = transport();
    List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    t.addConnectionListener(events::add);
    t.subscribe(SubscribeOptions.named(name), new RecordingHandler());

    PubSubEmulator.deleteSubscription(name);

    await().atMost(Duration.ofSeconds(30)).until(() -> !events.isEmpty());
    assertThat(events.get(0).state()).isEqualTo(ConnectionEvent.State.FAILED);
    assertThat(events.get(0).detail()).contains(name).contains("not found");
  }

  @Test
  void anEmulatorThatGoesAwayIsReportedAndOneThatForgotTheSubscriptionEndsIt() {
    PubSubEmulator.Instance emulator = PubSubEmulator.startDedicated();
    try {
      ChatTransport t = PubSubTransport.connect(PubSubSettings.emulator(emulator.host(), "p").withTopic(topic));
      opened.add(t);
      List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
      t.addConnectionListener(events::add);
      t.subscribe(SubscribeOptions.temporary(), new RecordingHandler());

      emulator.stop();
      await().atMost(Duration.ofSeconds(30)).until(() -> !events.isEmpty());
      assertThat(events.get(0).state()).isEqualTo(ConnectionEvent.State.RECOVERING);
      assertThat(events.get(0).detail()).contains("cannot reach the Pub/Sub emulator at " + emulator.host());

      // The emulator keeps nothing across a restart: the subscription is gone for good.
      emulator = emulator.restart();
      await().atMost(Duration.ofSeconds(60))
          .until(() -> events.get(events.size() - 1).state() == ConnectionEvent.State.FAILED);
      assertThat(events.get(events.size() - 1).detail()).contains("not found");
    } finally {
      emulator.stop();
    }
  }

  @Test
  void aUsernameLongerThanAnAttributeMayBeStillGoesOut() throws Exception {
    ChatTransport t = transport();
    RecordingHandler received = new RecordingHandler();
    t.subscribe(SubscribeOptions.temporary(), received);
    String longName = "ü".repeat(2000);

    confirmed(t.publish(ChatMessage.of(longName, "long name")));

    var delivery = received.awaitCount(1).get(0);
    assertThat(delivery.message().username()).isEqualTo(longName);
    assertThat(delivery.attributes().get("username").getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(1024);
    assertThat(longName).startsWith(delivery.attributes().get("username"));
  }

  @Test
  void aMessageOverTheLimitFailsBeforeSending() {
    ChatTransport t = transport();
    byte[] body = new byte[PubSubTransport.MAX_MESSAGE_BYTES + 1];

    assertThatThrownBy(() -> t.publishRaw(body, Map.of()).get(10, TimeUnit.SECONDS))
        .cause().isInstanceOf(TransportException.class)
        .extracting(e -> ((TransportException) e).kind()).isEqualTo(Kind.MESSAGE_TOO_LARGE);
  }

  @Test
  void aMessageAtTheLimitGoesThrough() throws Exception {
    ChatTransport t = transport();
    RecordingHandler received = new RecordingHandler();
    t.subscribe(SubscribeOptions.temporary(), received);
    byte[] body = new byte[PubSubTransport.MAX_MESSAGE_BYTES];
    java.util.Arrays.fill(body, (byte) 'x');

    confirmed(t.publishRaw(body, Map.of("username", "big")));

    assertThat(received.awaitCount(1).get(0).body()).hasSize(PubSubTransport.MAX_MESSAGE_BYTES);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aClosedPortIsUnreachable() {
    String host = "127.0.0.1:" + PubSubEmulator.freePort();

    assertThatThrownBy(() -> PubSubTransport.connect(PubSubSettings.emulator(host, "p").withTopic(topic)))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("cannot reach the Pub/Sub emulator at " + host)
        .extracting(e -> ((TransportException) e).kind()).isEqualTo(Kind.UNREACHABLE);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void anEndpointThatNeverAnswersIsUnreachable() {
    try (SilentServer silent = new SilentServer()) {
      PubSubSettings settings =
          PubSubSettings.emulator(silent.host(), "p").withTopic(topic).withConnectTimeout(Duration.ofSeconds(2));

      assertThatThrownBy(() -> PubSubTransport.connect(settings))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining(silent.host())
          .extracting(e -> ((TransportException) e).kind()).isEqualTo(Kind.UNREACHABLE);
    }
  }

  @Test
  void anInvalidTopicNameIsABadConfiguration() {
    assertThatThrownBy(() -> PubSubTransport.connect(PubSubEmulator.settings("no spaces allowed")))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("topic name 'no spaces allowed' is not valid")
        .extracting(e -> ((TransportException) e).kind()).isEqualTo(Kind.BAD_CONFIGURATION);
  }

  @Test
  void aProjectTheEmulatorDoesNotKnowIsNotFound() {
    PubSubEmulator.Instance restricted = PubSubEmulator.startDedicated("--projects=known-project");
    try {
      PubSubSettings settings = PubSubSettings.emulator(restricted.host(), "unknown-project").withTopic(topic);

      assertThatThrownBy(() -> PubSubTransport.connect(settings))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("unknown-project")
          .extracting(e -> ((TransportException) e).kind()).isEqualTo(Kind.NOT_FOUND);
      PubSubTransport.connect(PubSubSettings.emulator(restricted.host(), "known-project").withTopic(topic)).close();
    } finally {
      restricted.stop();
    }
  }

  @Test
  void aHostileStatusDescriptionReachesNoTerminalRaw() {
    try (RefusingPubSubServer hostile = new RefusingPubSubServer(Map.of(),
        Refusal.failedPrecondition("\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\nsecond line"))) {
      assertThatThrownBy(() -> PubSubTransport.connect(PubSubSettings.emulator(hostile.host(), "p").withTopic(topic)))
          .isInstanceOf(TransportException.class)
          .satisfies(e -> assertThat(e.getMessage())
              .contains("\\e]0;pwned").doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\n"));
    }
  }

  @Test
  void aHostileTopicNameInTheServersReplyReachesNoTerminalRaw() {
    String hostileTopic = "projects/p/topics/\u001b]0;pwned\u0007\u001b[31mred";
    try (RefusingPubSubServer server = new RefusingPubSubServer(
        Map.of("GetTopic", "{\"name\": \"projects/p/topics/" + topic + "\"}",
            "GetSubscription", PubSubRest.JSON.createObjectNode().put("name", "projects/p/subscriptions/inbox")
                .put("topic", hostileTopic).toString()),
        Map.of(), Refusal.permissionDenied("User not authorized to perform this action."))) {
      ChatTransport t = PubSubTransport.connect(PubSubSettings.emulator(server.host(), "p").withTopic(topic));
      opened.add(t);

      assertThatThrownBy(() -> t.subscribe(SubscribeOptions.named("inbox"), new RecordingHandler()))
          .isInstanceOf(TransportException.class)
          .satisfies(e -> assertThat(e.getMessage()).contains("belongs to").contains("\\e]0;pwned")
              .doesNotContain("\u001b").doesNotContain("\u0007"))
          .extracting(e -> ((TransportException) e).kind()).isEqualTo(Kind.TOPOLOGY_MISMATCH);
    }
  }

  @Test
  void idsWithEveryCharacterPubSubAllowsAreSentEscaped() throws Exception {
    // '%' and '+' mean something in a URL's path; Pub/Sub's IDs may hold them.
    String odd = topic + "-a+b%20c~d.e_f";
    ChatTransport t = PubSubTransport.connect(PubSubEmulator.settings(odd));
    opened.add(t);
    try {
      RecordingHandler received = new RecordingHandler();
      Subscription sub = t.subscribe(SubscribeOptions.temporary(), received);
      Subscription named = t.subscribe(SubscribeOptions.named(odd + "-named"), new RecordingHandler());

      confirmed(t.publish(ChatMessage.of("odd", "escaped")));

      received.awaitText("escaped");
      assertThat(PubSubEmulator.topicExists(odd)).isTrue();
      assertThat(PubSubEmulator.subscriptionsOf(odd)).containsExactlyInAnyOrder(
          ProjectSubscriptionName.of(PubSubEmulator.PROJECT, sub.name()).toString(),
          ProjectSubscriptionName.of(PubSubEmulator.PROJECT, named.name()).toString());
    } finally {
      PubSubEmulator.deleteTopic(odd);
    }
  }

  @Test
  void aPublisherOnlyAccountMayPublishButNotCreateSubscriptions() {
    // Google answers PERMISSION_DENIED to topic look-ups and subscription creation for an account
    // with only roles/pubsub.publisher; the transport must carry on and explain the refusal.
    try (RefusingPubSubServer google = RefusingPubSubServer.permissionDenied()) {
      ChatTransport t = PubSubTransport.connect(PubSubSettings.emulator(google.host(), "p").withTopic(topic));
      opened.add(t);

      assertThatThrownBy(() -> t.subscribe(SubscribeOptions.temporary(), new RecordingHandler()))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("may not create subscription")
          .hasMessageContaining("--subscription")
          .extracting(e -> ((TransportException) e).kind()).isEqualTo(Kind.ACCESS_REFUSED);
      assertThatThrownBy(() -> t.publish(ChatMessage.of("a", "b")).get(30, TimeUnit.SECONDS))
          .cause().isInstanceOf(TransportException.class)
          .hasMessageContaining("permission denied")
          .extracting(e -> ((TransportException) e).kind()).isEqualTo(Kind.ACCESS_REFUSED);
    }
  }

  @Test
  void aMissingTopicThatMayNotBeCreatedIsExplained() {
    try (RefusingPubSubServer google = new RefusingPubSubServer(
        Map.of("GetTopic", Refusal.notFound("Resource not found (resource=" + topic + ").")),
        Refusal.permissionDenied("User not authorized to perform this action."))) {

      assertThatThrownBy(() -> PubSubTransport.connect(PubSubSettings.emulator(google.host(), "p").withTopic(topic)))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("topic '" + topic + "' does not exist in project 'p'")
          .hasMessageContaining("gcloud pubsub topics create")
          .extracting(e -> ((TransportException) e).kind()).isEqualTo(Kind.ACCESS_REFUSED);
    }
  }

  @Test
  void aSubscriberOnlyAccountUsesANamedSubscriptionUncheckedAndHearsWhenItIsMissing() {
    try (RefusingPubSubServer google = new RefusingPubSubServer(
        Map.of("Pull", Refusal.notFound("Resource not found (resource=inbox).")),
        Refusal.permissionDenied("User not authorized to perform this action."))) {
      ChatTransport t = PubSubTransport.connect(PubSubSettings.emulator(google.host(), "p").withTopic(topic));
      opened.add(t);

      assertThatThrownBy(() -> t.subscribe(SubscribeOptions.named("inbox"), new RecordingHandler()))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("subscription 'inbox'")
          .extracting(e -> ((TransportException) e).kind()).isEqualTo(Kind.NOT_FOUND);
    }
  }

  @Test
  void badKeyFilesAreBadConfigurationBeforeAnythingGoesOnTheNetwork(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.json");
    Path notJson = Files.writeString(dir.resolve("not.json"), "this is not JSON");
    Path userCredentials = Files.writeString(dir.resolve("user.json"),
        "{\"type\": \"authorized_user\", \"client_id\": \"x\", \"client_secret\": \"y\", \"refresh_token\": \"z\"}");

    for (Path key : List.of(missing, notJson, userCredentials)) {
      assertThatThrownBy(() -> PubSubTransport.connect(PubSubSettings.cloud("p", key)))
          .as(key.getFileName().toString())
          .isInstanceOf(TransportException.class)
          .hasMessageContaining(key.toString())
          .extracting(e -> ((TransportException) e).kind()).isEqualTo(Kind.BAD_CONFIGURATION);
    }
  }

  @Test
  void theTopicIsDeletedByTheHelperSoTestsLeaveNothing() {
    transport().subscribe(SubscribeOptions.named(topic + "-n"), new RecordingHandler());
    PubSubEmulator.deleteTopic(topic);
    assertThatThrownBy(() -> PubSubEmulator.topicAdmin().getTopic(TopicName.of(PubSubEmulator.PROJECT, topic)))
        .isInstanceOf(NotFoundException.class);
  }
}
