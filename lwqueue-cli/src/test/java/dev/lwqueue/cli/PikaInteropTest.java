package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.rabbitmq.TestBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * lwqueue and the original exercise's Python clients (pika) on one broker, both ways. Needs
 * python3 with pika (Debian: python3-pika; .ci/run installs it); without it the test fails.
 */
class PikaInteropTest {

  private final String exchange = "lwq-pika-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    TestBroker.deleteExchange(exchange);
  }

  @Test
  void lwqueueShowsWhatPikaSends() throws Exception {
    CliRun sub = CliRun.start(Map.of(), SubscribeCommand.WAITING_LINE,
        "subscribe", "--mode", "simple", "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange);
    try {
      Process send = python("send.py", pikaUrl(), exchange, "bob", "hi from pika 😀");
      assertThat(send.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(send.exitValue()).as(new String(send.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

      sub.awaitOutput("bob: hi from pika 😀");
    } finally {
      sub.stop();
    }
  }

  @Test
  void pikaReceivesWhatLwqueueSends() throws Exception {
    Process receive = python("receive.py", pikaUrl(), exchange, "1");
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(receive.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).as("pika consumer ready").isEqualTo("READY");

      CliRun send = CliRun.run("send-message", "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange,
          "--username", "alice", "--message", "hello, pika ünïcödé");
      assertThat(send.exitCode()).as(send.err()).isZero();

      assertThat(lines.readLine()).isEqualTo("{\"username\": \"alice\", \"message\": \"hello, pika ünïcödé\"}");
      assertThat(receive.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(receive.exitValue()).isZero();
    } finally {
      receive.destroyForcibly();
    }
  }

  /** pika reads an empty vhost path as "/", but spells the default vhost %2F to be explicit. */
  static String pikaUrl() {
    String uri = TestBroker.amqpUri();
    return uri.endsWith("/") ? uri + "%2F" : uri;
  }

  static Process python(String script, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(pythonWithPika(), scriptPath(script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PYTHONIOENCODING", "utf-8");
    return pb.start();
  }

  /** Debian's python3 has python3-pika; a pyenv python3 earlier on PATH may not. */
  static String pythonWithPika() throws Exception {
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import pika").redirectErrorStream(true).start();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (java.io.IOException e) {
        // try the next one
      }
    }
    throw new AssertionError("no python3 with pika found: apt-get install python3-pika (.ci/run does)");
  }

  private static Path scriptPath(String script) throws URISyntaxException {
    return Path.of(PikaInteropTest.class.getResource("/pika/" + script).toURI());
  }
}
