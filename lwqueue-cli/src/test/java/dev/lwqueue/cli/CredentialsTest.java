package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lwqueue.rabbitmq.BrokerAdmin;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.TestBroker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The password never has to be on the command line, and never shows: not in {@code ps}, not in
 * the log file (even at debug level), not in {@code --help}. Runs lwqueue as a separate process,
 * as a user would, with a user of its own whose password is unguessable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CredentialsTest {

  private final String user = "lwq-test-cred-" + UUID.randomUUID().toString().substring(0, 8);
  private final String secret = "pw-" + UUID.randomUUID();
  private final String exchange = "lwq-test-cred-" + UUID.randomUUID().toString().substring(0, 8);
  private final RabbitMqSettings broker = RabbitMqSettings.fromUri(TestBroker.amqpUri());
  private final BrokerAdmin admin = BrokerAdmin.forTestBroker();

  @BeforeAll
  void createUser() throws Exception {
    admin.createUser(user, secret, ".*", ".*", ".*");
  }

  @AfterAll
  void deleteUser() throws Exception {
    admin.deleteUser(user);
    TestBroker.deleteExchange(exchange);
  }

  /** {@code java -cp <main class path> dev.lwqueue.cli.Main args}, in a clean environment. */
  private ProcessBuilder lwqueue(Path log, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // the shipped logging set-up (to LWQUEUE_LOG_FILE), not the tests' logback-test.xml
        "-cp", LwqueueProcess.shippedClassPath(),
        Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("RABBITMQ_") || k.startsWith("LWQUEUE_"));
    pb.environment().put("LWQUEUE_LOG_FILE", log.toString());
    pb.environment().putAll(env);
    return pb;
  }

  private Map<String, String> credentials() {
    return Map.of("RABBITMQ_DEFAULT_USER", user, "RABBITMQ_DEFAULT_PASS", secret,
        "RABBITMQ_HOST", broker.host(), "RABBITMQ_PORT", "" + broker.port());
  }

  @Test
  void passwordFromTheEnvironmentShowsNeitherInPsNorInTheLog(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("lwqueue.log");
    Path out = dir.resolve("out.txt");
    Process sub = lwqueue(log, credentials(), "subscribe", "--verbose", "--mode", "simple", "--exchange", exchange)
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      await("subscriber ready").atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(out).contains("Waiting for messages") || !sub.isAlive());
      assertThat(sub.isAlive()).as("subscriber running: %s", Files.readString(out)).isTrue();

      String ps = run("ps", "-eo", "pid,args", "ww");
      assertThat(ps).contains(Main.class.getName()).doesNotContain(secret);

      Process send = lwqueue(log, credentials(), "send-message", "--verbose", "--exchange", exchange,
          "--username", "carol", "--message", "through env credentials").redirectErrorStream(true).start();
      String sent = new String(send.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(send.waitFor()).as(sent).isZero();
      await("message shown").atMost(Duration.ofSeconds(30))
          .until(() -> Files.readString(out).contains("carol: through env credentials"));
    } finally {
      sub.destroy();
      sub.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(Files.readString(log)).as("log file").contains(user).doesNotContain(secret);
    assertThat(Files.readString(out)).doesNotContain(secret);
  }

  @Test
  void passwordIsPromptedForWhenTheOptionHasNoValue(@TempDir Path dir) throws Exception {
    Map<String, String> noPassword = Map.of("RABBITMQ_DEFAULT_USER", user,
        "RABBITMQ_HOST", broker.host(), "RABBITMQ_PORT", "" + broker.port());
    Process send = lwqueue(dir.resolve("log"), noPassword, "send-message", "--rmq-password",
        "--exchange", exchange, "--username", "dan", "--message", "prompted").redirectErrorStream(true).start();
    try (OutputStream stdin = send.getOutputStream()) {
      stdin.write((secret + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(send.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(send.waitFor()).as(output).isZero();
    assertThat(output).contains("--rmq-password").contains("Sent ").doesNotContain(secret);
    assertThat(output).as("a short prompt, not the option's help text").startsWith(ConnectionOptions.PASSWORD_PROMPT)
        .doesNotContain("Give the option without a value");
  }

  @Test
  void helpNeverShowsPasswordsFromTheEnvironment() {
    Map<String, String> env = Map.of("RABBITMQ_DEFAULT_PASS", secret,
        "LWQUEUE_AMQP_URL", "amqp://someone:" + secret + "@127.0.0.1:5672/");
    for (String command : List.of("send-message", "subscribe")) {
      CliRun help = CliRun.run(env, command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).contains("--rmq-password").doesNotContain(secret);
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return text;
  }
}
