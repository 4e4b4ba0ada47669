package dev.lwqueue.rabbitmq.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.testkit.RecordingHandler;
import java.util.concurrent.TimeUnit;
import dev.lwqueue.rabbitmq.BrokerAdmin;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.TestBroker;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The room's permissions on the real broker: each refusal the roles promise comes from RabbitMQ
 * itself (reply code 403 ACCESS_REFUSED), whatever the client. Runs in a virtual host of its own.
 */
class RoomOnBrokerTest {

  private static final BrokerAdmin ADMIN = BrokerAdmin.forTestBroker();
  private static final String VHOST = "lwq-room-" + UUID.randomUUID().toString().substring(0, 8);
  private static RoomAdmin room;
  private static RabbitMqSettings owner;

  private final List<String> accounts = new ArrayList<>();
  private final List<Connection> connections = new ArrayList<>();

  @BeforeAll
  static void createVhost() throws Exception {
    ADMIN.createVhost(VHOST);
    owner = TestBroker.settings("chat").withVirtualHost(VHOST);
    room = new RoomAdmin(new ManagementApi(URI.create(ADMIN.baseUrl()), owner.username(), owner.password(),
        Duration.ofSeconds(10)), owner);
  }

  @AfterAll
  static void deleteVhost() {
    ADMIN.deleteVhost(VHOST);
  }

  @AfterEach
  void cleanUp() {
    for (Connection c : connections) {
      try {
        c.abort(1000);
      } catch (Exception e) {
        // already closed
      }
    }
    accounts.forEach(ADMIN::deleteUserIfPresent);
  }

  private Invitation invite(String prefix, RoomRole role) {
    String account = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.add(account);
    return room.addMember(account, role);
  }

  private Channel channelOf(Invitation invitation) throws Exception {
    Connection c = TestBroker.rawConnection(invitation.account(), invitation.password(), VHOST, "room-test");
    connections.add(c);
    return c.createChannel();
  }

  private static void assertRefused(ThrowingCall call) {
    assertThatThrownBy(call::run)
        .isInstanceOf(IOException.class)
        .cause()
        .isInstanceOfSatisfying(ShutdownSignalException.class, e ->
            assertThat(((AMQP.Channel.Close) e.getReason()).getReplyCode()).as(e.getMessage()).isEqualTo(403));
  }

  /** A refused publish closes the channel afterwards; a confirmation wait is where it shows. */
  private static void assertPublishRefused(Channel ch, String exchange, String routingKey) throws Exception {
    ch.confirmSelect();
    ch.basicPublish(exchange, routingKey, null, new byte[] {'x'});
    assertThatThrownBy(() -> ch.waitForConfirmsOrDie(10_000)).isNotNull();
    assertThat(ch.getCloseReason().getReason()).isInstanceOfSatisfying(AMQP.Channel.Close.class,
        close -> assertThat(close.getReplyCode()).as(close.getReplyText()).isEqualTo(403));
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void aMemberCanNeitherDeleteNorRedeclareTheRoomButFindsIt() throws Exception {
    Invitation bob = invite("bob", RoomRole.MEMBER);
    assertRefused(() -> channelOf(bob).exchangeDelete("chat"));
    assertRefused(() -> channelOf(bob).exchangeDelete("chat.private"));
    assertRefused(() -> channelOf(bob).exchangeDeclare("chat", BuiltinExchangeType.FANOUT, false, false, null));
    channelOf(bob).exchangeDeclarePassive("chat");
    channelOf(bob).exchangeDeclarePassive("chat.private");
  }

  @Test
  void aMemberCannotConsumeDeleteOrBindAnotherMembersNamedQueue() throws Exception {
    Invitation bob = invite("bob", RoomRole.MEMBER);
    Invitation carol = invite("carol", RoomRole.MEMBER);
    String bobsQueue = bob.account() + ".inbox";
    Channel bobs = channelOf(bob);
    bobs.queueDeclare(bobsQueue, true, false, false, Map.of("x-expires", 60_000));
    bobs.queueBind(bobsQueue, "chat", "");

    assertRefused(() -> channelOf(carol).basicConsume(bobsQueue, true, (tag, d) -> { }, tag -> { }));
    assertRefused(() -> channelOf(carol).basicGet(bobsQueue, true));
    assertRefused(() -> channelOf(carol).queueDelete(bobsQueue));
    assertRefused(() -> channelOf(carol).queuePurge(bobsQueue));
    assertRefused(() -> channelOf(carol).queueBind(bobsQueue, "chat", ""));
    // Named queues of her own she may have.
    Channel carols = channelOf(carol);
    carols.queueDeclare(carol.account() + ".inbox", true, false, true, null);
    carols.queueBind(carol.account() + ".inbox", "chat", "");
  }

  @Test
  void privateMessagesReachOnlyTheirRecipientAndNobodyBindsAnotherName() throws Exception {
    Invitation bob = invite("bob", RoomRole.MEMBER);
    Invitation carol = invite("carol", RoomRole.MEMBER);
    Channel bobs = channelOf(bob);
    String bobsQueue = bobs.queueDeclare().getQueue();
    bobs.queueBind(bobsQueue, "chat.private", bob.account());
    Channel carols = channelOf(carol);
    String carolsQueue = carols.queueDeclare().getQueue();
    carols.queueBind(carolsQueue, "chat.private", carol.account());

    assertRefused(() -> channelOf(carol).queueBind(carols.queueDeclare().getQueue(), "chat.private", bob.account()));
    assertRefused(() -> {
      Channel ch = channelOf(carol);
      ch.queueBind(ch.queueDeclare().getQueue(), "chat.private", "#");
    });

    Channel sender = channelOf(carol);
    sender.basicPublish("chat.private", bob.account(), null, "for bob only".getBytes(StandardCharsets.UTF_8));
    await().atMost(Duration.ofSeconds(10)).until(() -> bobs.messageCount(bobsQueue) == 1);
    GetResponse got = bobs.basicGet(bobsQueue, true);
    assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("for bob only");
    assertThat(carols.messageCount(carolsQueue)).isZero();
  }

  @Test
  void aMessageWithSomebodyElsesUserIdIsRefused() throws Exception {
    Invitation bob = invite("bob", RoomRole.MEMBER);
    Channel ch = channelOf(bob);
    ch.confirmSelect();
    ch.basicPublish("chat", "", new AMQP.BasicProperties.Builder().userId("guest").build(), new byte[] {'x'});
    assertThatThrownBy(() -> ch.waitForConfirmsOrDie(10_000))
        .hasRootCauseInstanceOf(ShutdownSignalException.class)
        .satisfies(e -> assertThat(ch.getCloseReason().getReason())
            .isInstanceOfSatisfying(AMQP.Channel.Close.class, close -> assertThat(close.getReplyCode()).isEqualTo(406)));
    Channel own = channelOf(bob);
    own.confirmSelect();
    own.basicPublish("chat", "", new AMQP.BasicProperties.Builder().userId(bob.account()).build(), new byte[] {'x'});
    own.waitForConfirmsOrDie(10_000);
  }

  @Test
  void aSenderSendsButCannotReceiveAndAReaderReceivesButCannotSend() throws Exception {
    Invitation sender = invite("sender", RoomRole.SENDER);
    Invitation reader = invite("reader", RoomRole.READER);
    Channel senders = channelOf(sender);
    senders.confirmSelect();
    senders.basicPublish("chat", "", null, new byte[] {'x'});
    senders.waitForConfirmsOrDie(10_000);
    assertRefused(() -> channelOf(sender).queueDeclare());

    Channel readers = channelOf(reader);
    String queue = readers.queueDeclare().getQueue();
    readers.queueBind(queue, "chat", "");
    readers.queueBind(queue, "chat.private", reader.account());
    assertPublishRefused(channelOf(reader), "chat", "");
    assertPublishRefused(channelOf(reader), "", queue);
    assertPublishRefused(channelOf(reader), "chat.private", reader.account());
  }

  @Test
  void aPythonAccountMayDeclareTheRoomAsTheOriginalClientDoes() throws Exception {
    Invitation dave = invite("dave", RoomRole.PYTHON);
    Channel ch = channelOf(dave);
    ch.exchangeDeclare("chat", BuiltinExchangeType.FANOUT, false, false, null);
    String queue = ch.queueDeclare("", false, true, true, null).getQueue();
    ch.queueBind(queue, "chat", "");
  }

  @Test
  void addMemberRefusesAnExistingAccountAndABadName() {
    Invitation bob = invite("bob", RoomRole.MEMBER);
    assertThatThrownBy(() -> room.addMember(bob.account(), RoomRole.READER))
        .isInstanceOfSatisfying(TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.ALREADY_EXISTS));
    assertThatThrownBy(() -> room.addMember("a.b", RoomRole.MEMBER)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void membersListsRolesAndWhoIsOnlineAndRemoveMemberClosesConnections() throws Exception {
    Invitation bob = invite("bob", RoomRole.MEMBER);
    Invitation carol = invite("carol", RoomRole.SENDER);
    Connection bobs = TestBroker.rawConnection(bob.account(), bob.password(), VHOST, "room-test bob");
    connections.add(bobs);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(room.members())
        .contains(new Member(bob.account(), RoomRole.MEMBER, 1), new Member(carol.account(), RoomRole.SENDER, 0)));

    assertThat(room.removeMember(bob.account())).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> !bobs.isOpen());
    assertThat(room.members()).extracting(Member::account).doesNotContain(bob.account());
    assertThatThrownBy(() -> TestBroker.rawConnection(bob.account(), bob.password(), VHOST, "room-test again"))
        .isInstanceOf(AuthenticationFailureException.class);
    assertThatThrownBy(() -> room.removeMember(bob.account()))
        .isInstanceOfSatisfying(TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.NOT_FOUND));
  }

  @Test
  void wrongOwnerPasswordIsAnAuthenticationFailure() {
    RoomAdmin wrong = new RoomAdmin(new ManagementApi(URI.create(ADMIN.baseUrl()), owner.username(), "wrong",
        Duration.ofSeconds(10)), owner);
    assertThatThrownBy(wrong::members).isInstanceOfSatisfying(TransportException.class,
        e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION_FAILED));
  }

  private static ChatTransport transportOf(Invitation invitation, String displayName) {
    return RabbitMqTransport.connect(owner.withCredentials(invitation.account(), invitation.password())
        .withConnectionName("room-test " + invitation.account()).withDisplayName(displayName));
  }

  @Test
  void lwqueueWorksWithEveryRoleThatMayReceiveAndDeliveriesCarryTheVerifiedAccount() throws Exception {
    Invitation bob = invite("bob", RoomRole.MEMBER);
    Invitation dave = invite("dave", RoomRole.PYTHON);
    Invitation rita = invite("rita", RoomRole.READER);
    try (ChatTransport bobs = transportOf(bob, bob.account());
        ChatTransport daves = transportOf(dave, "dave");
        ChatTransport ritas = transportOf(rita, rita.account())) {
      RecordingHandler atRita = new RecordingHandler();
      ritas.subscribe(SubscribeOptions.temporary(), atRita);
      RecordingHandler atDave = new RecordingHandler();
      daves.subscribe(SubscribeOptions.temporary(), atDave);

      bobs.publish(ChatMessage.stamped(bob.account(), "signed")).get(10, TimeUnit.SECONDS);
      bobs.publishPrivate(ChatMessage.stamped(bob.account(), "for rita"), rita.account()).get(10, TimeUnit.SECONDS);
      daves.publish(ChatMessage.stamped("not-dave", "another name")).get(10, TimeUnit.SECONDS);

      await().atMost(Duration.ofSeconds(10)).until(() -> atRita.deliveries().size() == 3);
      Delivery signed = atRita.deliveries().get(0);
      assertThat(signed.account()).isEqualTo(bob.account());
      assertThat(signed.verified()).isTrue();
      assertThat(signed.isPrivate()).isFalse();
      Delivery secret = atRita.deliveries().get(1);
      assertThat(secret.message().message()).isEqualTo("for rita");
      assertThat(secret.recipient()).isEqualTo(rita.account());
      Delivery other = atRita.deliveries().get(2);
      assertThat(other.account()).isEqualTo(dave.account());
      assertThat(other.verified()).as("account and name differ").isFalse();

      await().atMost(Duration.ofSeconds(10)).until(() -> atDave.deliveries().size() == 2);
      assertThat(atDave.deliveries()).extracting(d -> d.message().message()).containsExactly("signed", "another name");
      assertThat(ritas.publish(ChatMessage.stamped(rita.account(), "may I?")))
          .failsWithin(Duration.ofSeconds(10));
    }
  }

  @Test
  void aSendersLwqueueSendsButMayNotSubscribe() throws Exception {
    Invitation carol = invite("carol", RoomRole.SENDER);
    try (ChatTransport carols = transportOf(carol, carol.account())) {
      carols.publish(ChatMessage.stamped(carol.account(), "hello")).get(10, TimeUnit.SECONDS);
      assertThatThrownBy(() -> carols.subscribe(SubscribeOptions.temporary(), d -> { }))
          .isInstanceOfSatisfying(TransportException.class,
              e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.ACCESS_REFUSED));
    }
  }
}
