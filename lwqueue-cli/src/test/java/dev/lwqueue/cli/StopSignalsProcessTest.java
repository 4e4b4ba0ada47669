package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.pubsub.PubSubEmulator;
import dev.lwqueue.rabbitmq.BrokerAdmin;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.TestBroker;
import dev.lwqueue.testkit.RecordingHandler;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGINT, SIGTERM and SIGHUP stop a real lwqueue process the same clean way (README, "Signals"):
 * temporary queues and subscriptions deleted, every line written and acknowledged,
 * {@code send-message --stdin} accounted for, exit code 0.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StopSignalsProcessTest {

  private final String exchange = "lwq-signal-" + UUID.randomUUID().toString().substring(0, 8);
  private final String topic = exchange;
  private Process process;
  private Path log;

  @AfterEach
  void cleanUp() throws Exception {
    if (process != null) {
      process.destroyForcibly();
    }
    if (log != null) {
      Files.deleteIfExists(log);
    }
    TestBroker.deleteExchange(exchange);
  }

  private Process start(String... args) throws Exception {
    log = Files.createTempFile("lwqueue-signal-test", ".log");
    process = LwqueueProcess.start(log, args);
    return process;
  }

  private String stopWith(String signal) throws Exception {
    LwqueueProcess.signal(process, signal);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIG" + signal).isTrue();
    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "HUP"})
  void aRabbitMqSubscriberDeletesItsTemporaryQueue(String signal) throws Exception {
    start("subscribe", "--mode", "simple", "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange);
    try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
      assertThat(out.readLine()).isEqualTo(SubscribeCommand.WAITING_LINE);
      assertThat(BrokerAdmin.forTestBroker().boundQueues(exchange)).hasSize(1);

      String err = stopWith(signal);

      assertThat(process.exitValue()).as("exit code; stderr: %s", err).isZero();
      assertThat(err).isEmpty();
      await().atMost(Duration.ofSeconds(10)).until(() -> BrokerAdmin.forTestBroker().boundQueues(exchange).isEmpty());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM", "HUP"})
  void aDurableQueueSubscriberWritesAndAcknowledgesEveryLineItReceived(String signal) throws Exception {
    String queue = exchange + "-inbox";
    start("subscribe", "--mode", "print", "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange, "--queue=" + queue);
    try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8);
        ChatTransport publisher = RabbitMqTransport.connect(TestBroker.settings(exchange))) {
      assertThat(out.readLine()).isEqualTo(SubscribeCommand.WAITING_LINE);
      int count = 200;
      for (int i = 0; i < count; i++) {
        publisher.publish(ChatMessage.stamped("bob", "m" + i)).get(10, TimeUnit.SECONDS);
      }
      for (int i = 0; i < count; i++) {
        assertThat(out.readLine()).as("line %d", i).startsWith("Received ").contains("\"m" + i + "\"");
      }

      String err = stopWith(signal);

      assertThat(process.exitValue()).as("exit code; stderr: %s", err).isZero();
      assertThat(out.readLine()).as("nothing more").isNull();
      try (Connection raw = TestBroker.rawConnection(); Channel channel = raw.createChannel()) {
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).as("left unacknowledged in the queue").isZero();
      }
    } finally {
      TestBroker.deleteQueue(queue);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "HUP"})
  void aPubSubSubscriberDeletesItsTemporarySubscription(String signal) throws Exception {
    start("subscribe", "--backend", "pubsub", "--emulator-host", PubSubEmulator.host(),
        "--project", PubSubEmulator.PROJECT, "--topic", topic);
    try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
      assertThat(out.readLine()).isEqualTo(SubscribeCommand.WAITING_LINE);
      assertThat(PubSubEmulator.subscriptionsOf(topic)).hasSize(1);

      String err = stopWith(signal);

      assertThat(process.exitValue()).as("exit code; stderr: %s", err).isZero();
      assertThat(PubSubEmulator.subscriptionsOf(topic)).as("subscriptions left on the topic").isEmpty();
    } finally {
      PubSubEmulator.deleteTopic(topic);
    }
  }

  /** {@code (echo a; sleep 60) | lwqueue send-message --stdin}, then a signal to lwqueue alone. */
  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM", "HUP"})
  void sendMessageStdinStopsReadingAtOnceAndCountsWhatWasSent(String signal) throws Exception {
    try (ChatTransport subscriber = RabbitMqTransport.connect(TestBroker.settings(exchange))) {
      RecordingHandler received = new RecordingHandler();
      subscriber.subscribe(SubscribeOptions.temporary(), received);
      start("send-message", "--stdin", "--username", "bot", "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange);
      OutputStream feeder = process.getOutputStream(); // kept open: the feeder is still there
      feeder.write("a\nb\n".getBytes(StandardCharsets.UTF_8));
      feeder.flush();
      received.awaitCount(2, Duration.ofSeconds(30));

      long start = System.nanoTime();
      String err = stopWith(signal);

      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stopped at once, not at the next line")
          .isLessThan(Duration.ofSeconds(20));
      assertThat(process.exitValue()).as("exit code; stderr: %s", err).isZero();
      assertThat(err).contains("lwqueue: 2 of 2 messages confirmed by the broker")
          .contains("stopped by a signal")
          .doesNotContain("unexpected error")
          .doesNotContain("Exception");
      assertThat(received.texts()).containsExactly("a", "b");
      feeder.close();
    }
  }
}
