package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.TestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process in a directory with a classmate's {@code .env}: what is typed on the command line
 * decides where it connects, and the environment beats the file.
 */
class SettingsPrecedenceProcessTest {

  /** A documentation address (TEST-NET-1): nothing answers there. */
  private static final String CLASSMATE_URL = "amqp://bob:bobs-pw@192.0.2.1:5672/";

  private final String exchange = "lwq-precedence-" + UUID.randomUUID().toString().substring(0, 8);
  private final RabbitMqSettings broker = RabbitMqSettings.fromUri(TestBroker.amqpUri());

  @TempDir Path dir;

  @AfterEach
  void cleanUp() {
    TestBroker.deleteExchange(exchange);
  }

  private String sendFrom(Path workingDirectory, String envUrl, String... connection) throws Exception {
    String[] args = new String[connection.length + 8];
    System.arraycopy(new String[] {"send-message", "--username", "u", "--message", "m", "--exchange", exchange,
        "--connect-timeout=2"}, 0, args, 0, 8);
    System.arraycopy(connection, 0, args, 8, connection.length);
    ProcessBuilder pb = LwqueueProcess.builder(dir.resolve("lwqueue.log"), args).directory(workingDirectory.toFile())
        .redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("RABBITMQ_") || k.startsWith("LWQUEUE_") || k.endsWith("AMQP_URL"));
    pb.environment().put("LWQUEUE_LOG_FILE", dir.resolve("lwqueue.log").toString());
    pb.environment().put("RABBITMQ_DEFAULT_PASS", broker.password());
    if (envUrl != null) {
      pb.environment().put("AMQP_URL", envUrl);
    }
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() + "\n" + output;
  }

  @Test
  void partsTypedOnTheCommandLineBeatAUrlInDotenv() throws Exception {
    Files.writeString(dir.resolve(".env"), "LWQUEUE_AMQP_URL=" + CLASSMATE_URL + "\n");
    String result = sendFrom(dir, null, "--host", broker.host(), "--port", "" + broker.port(),
        "--rmq-username", broker.username(), "--vhost", broker.virtualHost());
    assertThat(result).startsWith("0\n").contains("Sent ").doesNotContain("bobs-pw");
  }

  @Test
  void aLowerRankedUrlInTheEnvironmentBeatsAHigherRankedOneInDotenv() throws Exception {
    Files.writeString(dir.resolve(".env"), "LWQUEUE_AMQP_URL=" + CLASSMATE_URL + "\n");
    String result = sendFrom(dir, TestBroker.amqpUri());
    assertThat(result).startsWith("0\n").contains("Sent ").doesNotContain("bobs-pw");
  }
}
