package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.TestBroker;
import java.io.BufferedWriter;
import java.io.PipedInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/** {@code subscribe --max-messages} into buffered output, as into a file: every line is there at exit. */
class SubscribeToFileTest {

  private final String exchange = "lwq-test-subfile-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    TestBroker.deleteExchange(exchange);
  }

  @Test
  void allMessagesAreWrittenOutWhenTheSubscriberStops() throws Exception {
    StringWriter written = new StringWriter();
    PrintWriter out = new PrintWriter(new BufferedWriter(written, 1 << 16), false);
    PrintWriter err = new PrintWriter(new StringWriter(), true);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
        Main.commandLine(dev.lwqueue.cli.Env.of(Map.of()), new PipedInputStream(), out, err)
            .execute("subscribe", "--url", TestBroker.amqpUri(), "--exchange", exchange, "--max-messages", "3000"));
    await().atMost(Duration.ofSeconds(30)).until(() -> written.toString().contains(SubscribeCommand.WAITING_LINE));

    try (ChatTransport publisher = RabbitMqTransport.connect(TestBroker.settings(exchange))) {
      CompletableFuture<?> last = null;
      for (int i = 0; i < 3000; i++) {
        last = publisher.publish(ChatMessage.of("bob", "m" + i));
      }
      last.get(30, TimeUnit.SECONDS);
    }

    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    String[] lines = written.toString().split("\n");
    assertThat(lines[0]).isEqualTo(SubscribeCommand.WAITING_LINE);
    for (int i = 0; i < 3000; i++) {
      assertThat(lines[i + 1]).isEqualTo("Received {\"username\":\"bob\",\"message\":\"m" + i + "\"}");
    }
  }
}
