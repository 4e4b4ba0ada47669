package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.rabbitmq.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The commands against a real RabbitMQ, each test in a room (exchange) of its own. */
class RabbitCliTest {

  private final String exchange = "lwq-cli-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<CliRun> running = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    running.forEach(CliRun::stop);
    TestBroker.deleteExchange(exchange);
  }

  private String[] withBroker(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--url=" + TestBroker.amqpUri());
    all.add("--exchange=" + exchange);
    return all.toArray(String[]::new);
  }

  private CliRun subscriber(String mode) {
    CliRun run = CliRun.start(Map.of(), SubscribeCommand.WAITING_LINE,
        withBroker("subscribe", "--mode", mode));
    running.add(run);
    return run;
  }

  private void publishRaw(byte[] body) throws Exception {
    try (Connection c = TestBroker.rawConnection(); Channel ch = c.createChannel()) {
      ch.basicPublish(exchange, "", null, body);
    }
  }

  @Test
  void subscriberInSimpleModeShowsWhatSendMessageSends() {
    CliRun sub = subscriber("simple");

    CliRun send = CliRun.run(withBroker("send-message", "--username", "alice", "--message", "hello, room"));

    assertThat(send.exitCode()).isZero();
    assertThat(send.out()).startsWith("Sent {").contains("\"message\":\"hello, room\"");
    sub.awaitOutput("alice: hello, room");
    assertThat(sub.out()).matches("(?s).*\\d\\d:\\d\\d:\\d\\d alice: hello, room.*");
    // Output to a non-terminal carries no colour codes.
    assertThat(sub.out()).doesNotContain("\u001b");
  }

  @Test
  void printModeShowsWhatThePythonOriginalSendsLikeTheOriginal() throws Exception {
    CliRun sub = subscriber("print");

    publishRaw("{\"username\": \"bob\", \"message\": \"hi\"}".getBytes(StandardCharsets.UTF_8));

    sub.awaitOutput("Received {\"username\": \"bob\", \"message\": \"hi\"}");
    assertThat(sub.out()).startsWith(SubscribeCommand.WAITING_LINE);
  }

  @Test
  void sendMessagePublishesAJsonObjectWithExactlyTheGivenValues() throws Exception {
    try (Connection c = TestBroker.rawConnection(); Channel ch = c.createChannel()) {
      ch.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, false, false, null);
      String queue = ch.queueDeclare().getQueue();
      ch.queueBind(queue, exchange, "");

      CliRun send = CliRun.run(withBroker("send-message", "--username", "zoë", "--message", "ünïcödé 😀 \"quoted\""));
      assertThat(send.exitCode()).isZero();

      GetResponse got = ch.basicGet(queue, true);
      assertThat(got).isNotNull();
      JsonNode json = ChatCodec.mapper().readTree(got.getBody());
      assertThat(json.isObject()).isTrue();
      assertThat(json.get("username").textValue()).isEqualTo("zoë");
      assertThat(json.get("message").textValue()).isEqualTo("ünïcödé 😀 \"quoted\"");
      assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).contains("😀");
    }
  }

  @Test
  void bodyWithEscapeSequencesIsShownEscapedAndTheSubscriberKeepsRunning() throws Exception {
    CliRun printing = subscriber("print");
    CliRun simple = subscriber("simple");

    byte[] hostile = "\u001b[2J\u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u0007 not json \u009b31m"
        .getBytes(StandardCharsets.UTF_8);
    publishRaw(hostile);
    publishRaw(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0x1B, 'x'});
    CliRun send = CliRun.run(withBroker("send-message", "--username", "carol", "--message", "still alive"));
    assertThat(send.exitCode()).isZero();

    printing.awaitOutput("still alive");
    simple.awaitOutput("carol: still alive");
    for (CliRun sub : List.of(printing, simple)) {
      assertThat(sub.out()).contains("\\e[2J\\e]0;pwned\\x07\\e]52;c;ZXZpbA==\\x07 not json \\x9b31m");
      assertThat(sub.out().chars().filter(ch -> ch < 0x20 && ch != '\n' || ch >= 0x7f && ch <= 0x9f))
          .as("raw control characters in the output")
          .isEmpty();
    }
    assertThat(simple.out()).contains("(not a chat message: body is not JSON)");
    assertThat(simple.out()).contains("(not a chat message: body is not valid UTF-8)");
  }

  @Test
  void sendingIntoAnEmptyRoomSucceedsButSaysNobodyReceivedIt() {
    CliRun send = CliRun.run(withBroker("send-message", "--username", "dave", "--message", "anyone?"));

    assertThat(send.exitCode()).isZero();
    assertThat(send.err()).contains("nobody is subscribed").contains(exchange);
  }

  @Test
  void wrongPasswordGivesItsExitCodeAndOneLineWithoutThePassword() {
    CliRun send = CliRun.run(
        "send-message", "--rmq-username", "guest", "--rmq-password", "s3cret-wrong",
        "--host", "127.0.0.1", "--port", String.valueOf(brokerPort()),
        "--username", "x", "--message", "y");

    assertThat(send.exitCode()).isEqualTo(ExitCode.AUTHENTICATION_FAILED.code()).isEqualTo(5);
    assertThat(send.err().lines()).hasSize(1);
    assertThat(send.err()).startsWith("lwqueue: error: authentication failed").doesNotContain("s3cret-wrong");
  }

  @Test
  void closedPortFailsFastWithItsExitCode() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    long start = System.nanoTime();
    CliRun send = CliRun.run(
        "send-message", "--host", "127.0.0.1", "--port", String.valueOf(closedPort),
        "--username", "x", "--message", "y");

    assertThat(send.exitCode()).isEqualTo(ExitCode.UNREACHABLE.code()).isEqualTo(4);
    assertThat(send.err().lines()).hasSize(1);
    assertThat(send.err()).contains("cannot reach RabbitMQ at 127.0.0.1:" + closedPort);
    assertThat(send.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void verboseAddsTheStackTrace() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    CliRun send = CliRun.run(
        "send-message", "--verbose", "--host", "127.0.0.1", "--port", String.valueOf(closedPort),
        "--username", "x", "--message", "y");

    assertThat(send.exitCode()).isEqualTo(4);
    assertThat(send.err()).contains("\tat ").contains("ConnectException");
  }

  @Test
  void silentServerTimesOutInsteadOfHanging() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      CliRun send = CliRun.run(
          "send-message", "--host", "127.0.0.1", "--port", String.valueOf(silent.getLocalPort()),
          "--connect-timeout", "1", "--username", "x", "--message", "y");

      assertThat(send.exitCode()).isEqualTo(ExitCode.UNREACHABLE.code());
      assertThat(send.err()).contains("no answer from 127.0.0.1:" + silent.getLocalPort() + " within 1 s");
    }
  }

  @Test
  void exchangeWithOtherPropertiesIsReportedInOneLine() throws Exception {
    try (Connection c = TestBroker.rawConnection(); Channel ch = c.createChannel()) {
      ch.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true, false, null);
    }
    CliRun send = CliRun.run(withBroker("send-message", "--username", "x", "--message", "y"));

    assertThat(send.exitCode()).isEqualTo(ExitCode.TOPOLOGY_MISMATCH.code()).isEqualTo(9);
    assertThat(send.err().lines()).hasSize(1);
    assertThat(send.err()).contains("exchange '" + exchange + "' already exists with other properties")
        .contains("durable");
  }

  @Test
  void declaresTheExchangeExactlyAsPikaDoesSoBothWorkInEitherOrder() throws Exception {
    // lwqueue first, then pika's exchange_declare(exchange=..., exchange_type="fanout"): no conflict.
    CliRun send = CliRun.run(withBroker("send-message", "--username", "x", "--message", "y"));
    assertThat(send.exitCode()).isZero();
    try (Connection c = TestBroker.rawConnection(); Channel ch = c.createChannel()) {
      ch.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, false, false, null);
    }
    // and a second lwqueue after pika's declaration works too
    assertThat(CliRun.run(withBroker("send-message", "--username", "x", "--message", "z")).exitCode()).isZero();
  }

  @Test
  void unknownVirtualHostHasItsExitCode() {
    CliRun send = CliRun.run(
        "send-message", "--host", "127.0.0.1", "--port", String.valueOf(brokerPort()), "--vhost", "no-such-vhost",
        "--username", "x", "--message", "y");

    assertThat(send.exitCode()).isEqualTo(ExitCode.VHOST_NOT_FOUND.code());
    assertThat(send.err()).contains("virtual host 'no-such-vhost' does not exist");
  }

  @Test
  void credentialsComeFromTheEnvironmentLikeTheOriginalsDotEnv() {
    Map<String, String> env = Map.of("RABBITMQ_DEFAULT_USER", "guest", "RABBITMQ_DEFAULT_PASS", "not-the-password");
    CliRun send = CliRun.run(env,
        "send-message", "--host", "127.0.0.1", "--port", String.valueOf(brokerPort()),
        "--exchange", exchange, "--username", "x", "--message", "y");

    assertThat(send.exitCode()).isEqualTo(ExitCode.AUTHENTICATION_FAILED.code());
    assertThat(send.err()).doesNotContain("not-the-password");
  }

  @Test
  void badArgumentsGiveOneLineAndAHint() {
    CliRun badMode = CliRun.run("subscribe", "--mode", "fancy");
    assertThat(badMode.exitCode()).isEqualTo(ExitCode.USAGE.code()).isEqualTo(2);
    assertThat(badMode.err()).contains("--mode").contains("Try 'lwqueue subscribe --help'");

    CliRun noName = CliRun.run(withBroker("send-message", "--username", "  ", "--message", "y"));
    assertThat(noName.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(noName.err()).contains("--username is required");

    CliRun unknown = CliRun.run("send-mesage");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("send-message");
  }

  @Test
  void malformedUriIsABadConfiguration() {
    CliRun send = CliRun.run("send-message", "--url", "amqp://us er:pw@host:notaport", "--username", "x", "--message", "y");

    assertThat(send.exitCode()).isEqualTo(ExitCode.BAD_CONFIGURATION.code());
    assertThat(send.err()).contains("not an AMQP URI").doesNotContain(":pw@");
  }

  @Test
  void helpAndVersionWorkOnEveryCommand() {
    for (String command : List.of("send-message", "subscribe")) {
      CliRun help = CliRun.run(command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).contains("Usage: lwqueue " + command).contains("Exit codes:").contains("--rmq-password");
      assertThat(CliRun.run(command, "--version").out()).startsWith("lwqueue ");
    }
    assertThat(CliRun.run("--help").out()).contains("send-message").contains("subscribe");
  }

  private static int brokerPort() {
    return java.net.URI.create(TestBroker.amqpUri()).getPort();
  }
}
