package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.rabbitmq.BlackHoleProxy;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.TestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * send-message over a connection that dies silently at the moment of the publish: it notices by
 * heartbeats, reconnects and sends again (shown once), or, if the broker never confirms before the
 * deadline, exits 11 instead of claiming success.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SendRetryTest {

  private final String exchange = "lwq-test-retry-" + UUID.randomUUID().toString().substring(0, 8);
  private final RabbitMqSettings broker = RabbitMqSettings.fromUri(TestBroker.amqpUri());

  @AfterEach
  void cleanUp() {
    TestBroker.deleteExchange(exchange);
  }

  private CliRun sendVia(BlackHoleProxy proxy, String text, int confirmTimeout) {
    return CliRun.run(Map.of(), "send-message", "--host", "127.0.0.1", "--port", "" + proxy.port(),
        "--exchange", exchange, "--heartbeat", "1", "--confirm-timeout", "" + confirmTimeout,
        "--username", "rita", "--message", text);
  }

  @Test
  void publishSwallowedByADeadConnectionIsSentAgainAndShownOnce() throws Exception {
    try (BlackHoleProxy proxy = BlackHoleProxy.forTestBroker();
        CliRun sub = CliRun.launch(Map.of(), "subscribe", "--url", TestBroker.amqpUri(),
            "--exchange", exchange, "--mode", "simple")) {
      sub.awaitReady();
      proxy.swallowPublishes(1);

      CliRun r = sendVia(proxy, "worth retrying", 60);

      assertThat(r.exitCode()).as(r.err()).isZero();
      sub.awaitOut("the message", out -> out.contains("rita: worth retrying"), Duration.ofSeconds(30));
      Thread.sleep(1500);
      assertThat(sub.out().split("worth retrying", -1)).hasSize(2);
      assertThat(sub.stop()).isZero();
    }
  }

  @Test
  void neverConfirmedExitsElevenWithinTheDeadline() throws Exception {
    try (BlackHoleProxy proxy = BlackHoleProxy.forTestBroker()) {
      proxy.swallowPublishes(Integer.MAX_VALUE);

      CliRun r = sendVia(proxy, "into the void", 4);

      assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.NOT_CONFIRMED.code());
      List<String> lines = r.err().lines().toList();
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0)).startsWith("lwqueue: error: the broker did not confirm the message within 4 s")
          .contains("may not have been delivered");
      assertThat(r.out()).doesNotContain("Sent");
    }
  }
}
