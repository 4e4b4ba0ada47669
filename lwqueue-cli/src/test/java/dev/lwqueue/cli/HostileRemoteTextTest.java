package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lwqueue.rabbitmq.BrokerAdmin;
import dev.lwqueue.rabbitmq.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Text from the network other than chat bodies (here: a connection close reason a broker operator
 * chose) reaches stderr terminal-safe: it cannot retitle, clear or recolour the terminal (issue 9,
 * defect 4).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileRemoteTextTest {

  /** Retitle (OSC 0), clear the screen, go red, and a C1 CSI. */
  static final byte[] HOSTILE_REASON =
      "\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u009b1m".getBytes(StandardCharsets.ISO_8859_1);

  private final String exchange = "lwq-hostile-" + UUID.randomUUID().toString().substring(0, 8);
  private final String connectionName = "lwq-test-hostile-" + UUID.randomUUID();

  @AfterEach
  void cleanUp() {
    TestBroker.deleteExchange(exchange);
  }

  @Test
  void aHostileCloseReasonIsShownAsVisibleEscapes() {
    try (CliRun sub = CliRun.start(java.util.Map.of(), SubscribeCommand.WAITING_LINE,
        "subscribe", "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange,
        "--connection-name", connectionName)) {
      BrokerAdmin admin = BrokerAdmin.forTestBroker();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .until(() -> admin.closeConnectionsNamedWithRawReason(connectionName, HOSTILE_REASON) > 0);

      sub.awaitErr("the close reason", err -> err.contains("pwned"), Duration.ofSeconds(30));
      String err = sub.err();
      assertThat(err).contains("reconnecting").contains("\\e]0;pwned");
      assertThat(err).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b");
    }
  }
}
