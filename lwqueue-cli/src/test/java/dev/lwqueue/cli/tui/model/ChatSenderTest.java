package dev.lwqueue.cli.tui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.TestBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatSenderTest {

  private final String exchange = "lwq-sender-test-" + UUID.randomUUID();
  private final MessageLog log = new MessageLog(100);
  private final Outbox outbox = new Outbox();
  private final ChatSender sender = new ChatSender(log, outbox, Duration.ofSeconds(10), Clock.systemUTC());

  @AfterEach
  void cleanUp() {
    sender.close();
    TestBroker.deleteExchange(exchange);
  }

  @Test
  void sendsNothingBeforeItIsConnected() {
    assertThat(sender.send("alice", "too early")).isFalse();
    assertThat(log.size()).isZero();
  }

  @Test
  void aSentMessageComesBackFromTheBrokerAndIsConfirmed() {
    try (ChatTransport transport = RabbitMqTransport.connect(TestBroker.settings(exchange))) {
      transport.subscribe(SubscribeOptions.temporary(), log::add);
      sender.attach(transport);
      assertThat(sender.send("alice", "round trip")).isTrue();
      await().atMost(Duration.ofSeconds(20)).until(() -> log.received() == 1);
      LogEntry echo = log.get(log.newestSeq());
      assertThat(echo.name()).isEqualTo("alice");
      assertThat(echo.text()).isEqualTo("round trip");
      await().atMost(Duration.ofSeconds(20)).until(() -> outbox.state(echo.messageId()) == null);
    }
  }

  @Test
  void aMessageTheBrokerDidNotConfirmIsMarkedAndReportedNotDropped() {
    ChatTransport transport = RabbitMqTransport.connect(TestBroker.settings(exchange));
    sender.attach(transport);
    transport.close(); // the publish fails: the user must hear of it
    assertThat(sender.send("alice", "into the void")).isTrue();
    await().atMost(Duration.ofSeconds(20)).until(() -> log.size() == 1);
    LogEntry warning = log.get(log.newestSeq());
    assertThat(warning.kind()).isEqualTo(LogEntry.Kind.WARNING);
    assertThat(warning.text()).startsWith("not confirmed by the broker, it may not have been delivered: \"into the void\"")
        .contains("the transport is closed");
  }
}
