package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.TestBroker;
import dev.lwqueue.testkit.RecordingHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code send-message --stdin} against the real broker. */
class SendStdinTest {

  private final String exchange = "lwq-test-stdin-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    TestBroker.deleteExchange(exchange);
  }

  private CliRun send(String input) {
    return CliRun.runWithInput(input, "send-message", "--stdin", "--username", "bot",
        "--url", TestBroker.amqpUri(), "--exchange", exchange);
  }

  @Test
  void everyLineArrivesInOrderAsOneConfirmedMessage() {
    try (ChatTransport subscriber = RabbitMqTransport.connect(TestBroker.settings(exchange))) {
      RecordingHandler received = new RecordingHandler();
      subscriber.subscribe(SubscribeOptions.temporary(), received);
      List<String> lines = IntStream.range(0, 2000).mapToObj(i -> "line " + i + " héllo 😀").toList();
      String input = String.join("\n", lines.subList(0, 1000)) + "\n\n   \r\n" + String.join("\r\n", lines.subList(1000, 2000));

      CliRun run = send(input);

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).contains("2000 of 2000 messages confirmed").contains("2 blank lines skipped");
      received.awaitCount(2000, Duration.ofSeconds(60));
      assertThat(received.texts()).containsExactlyElementsOf(lines);
      assertThat(received.messages()).allMatch(m -> m.username().equals("bot"));
    }
  }

  @Test
  void saysWhenNobodyReceivedTheLines() {
    CliRun run = send("one\ntwo\n");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("2 of 2 messages confirmed").contains("2 of them reached nobody");
  }

  @Test
  void exitsNonZeroAndCountsWhenTheBrokerRefusesLines() throws Exception {
    // A queue that takes 5 messages and makes the broker refuse (nack) the rest: a real refusal.
    String queue = exchange + "-full";
    try (ChatTransport declaresExchange = RabbitMqTransport.connect(TestBroker.settings(exchange));
        Connection raw = TestBroker.rawConnection();
        Channel channel = raw.createChannel()) {
      channel.queueDeclare(queue, false, true, true, Map.of("x-max-length", 5, "x-overflow", "reject-publish"));
      channel.queueBind(queue, exchange, "");

      CliRun run = send(IntStream.range(0, 20).mapToObj(i -> "m" + i).collect(Collectors.joining("\n")));

      assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_CONFIRMED.code());
      assertThat(run.err()).contains("5 of 20 messages confirmed").contains("15 not confirmed");
    } finally {
      TestBroker.deleteQueue(queue);
    }
  }

  @Test
  void messageAndStdinTogetherIsAUsageError() {
    CliRun run = CliRun.runWithInput("x\n", "send-message", "--stdin", "--message", "hi", "--username", "bot",
        "--url", TestBroker.amqpUri(), "--exchange", exchange);
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("either --message or --stdin");
  }
}
