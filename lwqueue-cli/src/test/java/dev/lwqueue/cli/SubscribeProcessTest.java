package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lwqueue.rabbitmq.BrokerAdmin;
import dev.lwqueue.rabbitmq.TestBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real lwqueue process: Ctrl-C (SIGINT) ends it cleanly, and its logs go to the file only. */
class SubscribeProcessTest {

  private final String exchange = "lwq-proc-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    TestBroker.deleteExchange(exchange);
  }

  @Test
  void ctrlCStopsTheSubscriberWithExitCodeZeroAndRemovesItsQueue() throws Exception {
    Path log = Files.createTempFile("lwqueue-process-test", ".log");
    Process process = LwqueueProcess.start(log, "subscribe", "--mode", "simple",
        "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo(SubscribeCommand.WAITING_LINE);
      assertThat(BrokerAdmin.forTestBroker().boundQueues(exchange)).hasSize(1);

      LwqueueProcess.interrupt(process);

      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();
      assertThat(process.exitValue()).isZero();
      assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
      await().atMost(Duration.ofSeconds(10)).until(() -> BrokerAdmin.forTestBroker().boundQueues(exchange).isEmpty());
      assertThat(Files.readString(log)).contains("RabbitMqTransport");
    } finally {
      process.destroyForcibly();
    }
  }
}
