package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.lwqueue.rabbitmq.BrokerAdmin;
import dev.lwqueue.rabbitmq.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reconnects, offline catch-up with --queue, and duplicates, through the real CLI on the shared broker. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReconnectAndCatchUpTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String exchange = "lwq-test-reconnect-" + id;
  private final String queue = "lwq-test-inbox-" + id;
  private final BrokerAdmin admin = BrokerAdmin.forTestBroker();

  @AfterEach
  void cleanUp() {
    TestBroker.deleteQueue(queue);
    TestBroker.deleteExchange(exchange);
  }

  private CliRun send(String text) {
    return CliRun.run("send-message", "--url", TestBroker.amqpUri(), "--exchange", exchange,
        "--username", "sam", "--message", text);
  }


  @Test
  void subscriberReconnectsAfterTheBrokerClosedItsConnectionAndSaysWhatWasMissed() throws Exception {
    String name = "lwq-test-cli-sub-" + id;
    try (CliRun sub = CliRun.launch(Map.of(), "subscribe", "--url", TestBroker.amqpUri(),
        "--exchange", exchange, "--mode", "simple", "--connection-name", name)) {
      sub.awaitReady();
      assertThat(send("before").exitCode()).isZero();
      sub.awaitOut("before", out -> out.contains("sam: before"), WAIT);

      admin.closeConnectionWhenListed(name);
      sub.awaitErr("reconnecting", err -> err.contains("lwqueue: reconnecting…"), WAIT);
      sub.awaitErr("back", err -> Pattern.compile("lwqueue: back after [0-9.]+ s").matcher(err).find(), WAIT);
      assertThat(sub.err()).contains("messages sent while disconnected were missed");

      assertThat(send("after recovery").exitCode()).isZero();
      sub.awaitOut("after recovery", out -> out.contains("sam: after recovery"), WAIT);
      assertThat(sub.stop()).isZero();
    }
  }

  @Test
  void queueKeepsWhatWasSentWhileAwayAndAcknowledgesOnlyWhatWasShown() throws Exception {
    String[] subscribe = {"subscribe", "--url", TestBroker.amqpUri(), "--exchange", exchange,
        "--mode", "simple", "--queue", queue, "--queue-expiry", "10m"};
    try (CliRun first = CliRun.launch(Map.of(), subscribe)) {
      first.awaitReady();
      assertThat(first.err()).contains("durable queue '" + queue + "'");
      assertThat(send("while here").exitCode()).isZero();
      first.awaitOut("while here", out -> out.contains("sam: while here"), WAIT);
      assertThat(first.stop()).isZero();
    }

    for (int i = 1; i <= 3; i++) {
      CliRun sent = send("while away " + i);
      assertThat(sent.exitCode()).isZero();
      assertThat(sent.err()).doesNotContain("nobody is subscribed");
    }

    try (CliRun back = CliRun.launch(Map.of(), subscribe)) {
      back.awaitOut("what was sent while away",
          out -> out.contains("while away 1") && out.contains("while away 2") && out.contains("while away 3"), WAIT);
      assertThat(back.out()).doesNotContain("while here");
      // Shown means acknowledged: nothing is left waiting in the queue.
      await("queue drained").atMost(WAIT).until(() -> messagesWaiting(queue) == 0);
      assertThat(back.stop()).isZero();
    }
  }

  @Test
  void namedSubscriberReconnectsWithoutMissingAnything() throws Exception {
    String name = "lwq-test-cli-named-" + id;
    try (CliRun sub = CliRun.launch(Map.of(), "subscribe", "--url", TestBroker.amqpUri(),
        "--exchange", exchange, "--mode", "simple", "--queue", queue, "--connection-name", name)) {
      sub.awaitReady();
      admin.closeConnectionWhenListed(name);
      assertThat(send("sent during the reconnect").exitCode()).isZero();
      sub.awaitErr("back", err -> err.contains("lwqueue: back after"), WAIT);
      sub.awaitOut("message sent during the reconnect", out -> out.contains("sam: sent during the reconnect"), WAIT);
      assertThat(sub.err()).doesNotContain("missed");
      assertThat(sub.stop()).isZero();
    }
  }

  @Test
  void aMessageDeliveredTwiceIsShownOnce() throws Exception {
    try (CliRun sub = CliRun.launch(Map.of(), "subscribe", "--url", TestBroker.amqpUri(),
        "--exchange", exchange, "--mode", "simple")) {
      sub.awaitReady();
      byte[] once = "{\"username\":\"dup\",\"message\":\"only once\",\"id\":\"same-id-1\"}".getBytes(StandardCharsets.UTF_8);
      byte[] next = "{\"username\":\"dup\",\"message\":\"next\",\"id\":\"other-id\"}".getBytes(StandardCharsets.UTF_8);
      try (Connection c = TestBroker.rawConnection(); Channel ch = c.createChannel()) {
        ch.confirmSelect();
        ch.basicPublish(exchange, "", new AMQP.BasicProperties(), once);
        ch.basicPublish(exchange, "", new AMQP.BasicProperties(), once);
        ch.basicPublish(exchange, "", new AMQP.BasicProperties(), next);
        ch.waitForConfirmsOrDie(30_000);
      }
      sub.awaitOut("next", out -> out.contains("dup: next"), WAIT);
      assertThat(sub.out().split("only once", -1)).hasSize(2);
      assertThat(sub.stop()).isZero();
    }
  }

  private static long messagesWaiting(String queue) throws Exception {
    try (Connection c = TestBroker.rawConnection(); Channel ch = c.createChannel()) {
      return ch.queueDeclarePassive(queue).getMessageCount();
    }
  }
}
