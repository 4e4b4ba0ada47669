package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lwqueue.pubsub.PubSubEmulator;
import dev.lwqueue.pubsub.RefusingPubSubServer;
import dev.lwqueue.pubsub.RefusingPubSubServer.Refusal;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --backend pubsub} end to end, on the Pub/Sub emulator. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PubSubCliTest {

  private final String topic = "lwq-cli-" + UUID.randomUUID().toString().substring(0, 8);

  /** Everything from the environment, as a user with a .env for the emulator would have it. */
  private Map<String, String> env() {
    return PubSubCliEnv.forTopic(topic);
  }

  @AfterEach
  void cleanUp() {
    PubSubEmulator.deleteTopic(topic);
  }

  private CliRun send(String username, String message) {
    return CliRun.run(env(), "send-message", "--username", username, "--message", message);
  }

  @Test
  void sendMessageReachesTwoSubscribers() throws Exception {
    CliRun one = CliRun.start(env(), SubscribeCommand.WAITING_LINE, "subscribe", "--max-messages", "1");
    CliRun two = CliRun.start(env(), SubscribeCommand.WAITING_LINE,
        "subscribe", "--backend", "pubsub", "--emulator-host", PubSubEmulator.host(),
        "--project", PubSubEmulator.PROJECT, "--topic", topic, "--mode", "simple", "--max-messages", "1");

    CliRun sent = send("alice", "hello over Pub/Sub");

    assertThat(sent.exitCode()).as(sent.err()).isZero();
    assertThat(sent.out()).startsWith("Sent {\"username\":\"alice\",\"message\":\"hello over Pub/Sub\"");
    assertThat(sent.err()).isEmpty();
    assertThat(one.awaitExit()).isZero();
    assertThat(two.awaitExit()).isZero();
    assertThat(one.out()).contains("Received {\"username\":\"alice\",\"message\":\"hello over Pub/Sub\"");
    assertThat(two.out()).containsPattern("\\d\\d:\\d\\d:\\d\\d alice: hello over Pub/Sub");
  }

  @Test
  void queueKeepsWhatIsSentWhileAwayOnPubSubToo() {
    String inbox = topic + "-inbox";
    try {
      CliRun first = CliRun.start(env(), SubscribeCommand.WAITING_LINE,
          "subscribe", "--queue", inbox, "--mode", "simple", "--max-messages", "1");
      assertThat(send("kim", "while here").exitCode()).isZero();
      assertThat(first.awaitExit()).isZero();
      assertThat(first.out()).contains("kim: while here");

      assertThat(send("kim", "while away").exitCode()).isZero();

      CliRun back = CliRun.start(env(), SubscribeCommand.WAITING_LINE,
          "subscribe", "--queue", inbox, "--mode", "simple", "--max-messages", "1");
      assertThat(back.awaitExit()).isZero();
      assertThat(back.out()).contains("kim: while away").doesNotContain("while here");
      assertThat(PubSubEmulator.subscriptionsOf(topic)).anyMatch(s -> s.endsWith("/" + inbox));
    } finally {
      PubSubEmulator.deleteSubscription(inbox);
    }
  }

  @Test
  void aNamedSubscriptionIsAnnouncedAsASubscription() {
    String name = topic + "-named";
    try {
      CliRun sub = CliRun.start(env(), SubscribeCommand.WAITING_LINE, "subscribe", "--subscription", name,
          "--max-messages", "1");
      assertThat(send("kim", "hi").exitCode()).isZero();
      assertThat(sub.awaitExit()).isZero();
      assertThat(sub.err()).contains("subscription '" + name + "'").doesNotContain("durable queue");
    } finally {
      PubSubEmulator.deleteSubscription(name);
    }
  }

  @Test
  void aMessageOverPubSubsLimitIsRefusedNamingPubSubsLimit() {
    CliRun r = CliRun.run(env(), "send-message", "--username", "u", "--message", "x".repeat(10_000_000),
        "--max-bytes", "20000000");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.MESSAGE_TOO_LARGE.code());
    assertThat(r.err()).contains("Pub/Sub takes at most").doesNotContain("--max-bytes");
  }

  @Test
  void aSubscriberThatExitsLeavesNoSubscriptionBehind() throws Exception {
    CliRun interrupted = CliRun.start(env(), SubscribeCommand.WAITING_LINE, "subscribe");
    CliRun finished = CliRun.start(env(), SubscribeCommand.WAITING_LINE, "subscribe", "--max-messages", "1");
    assertThat(PubSubEmulator.subscriptionsOf(topic)).hasSize(2);

    assertThat(interrupted.stop()).isZero();
    assertThat(PubSubEmulator.subscriptionsOf(topic)).hasSize(1);
    send("bob", "bye");
    assertThat(finished.awaitExit()).isZero();

    assertThat(PubSubEmulator.subscriptionsOf(topic)).isEmpty();
  }

  @Test
  void ctrlCInARealProcessDeletesItsSubscriptionAndKeepsGrpcLogsOffTheTerminal() throws Exception {
    Path log = Files.createTempFile("lwqueue-pubsub-process-test", ".log");
    Process process = LwqueueProcess.start(log, "subscribe", "--backend", "pubsub",
        "--emulator-host", PubSubEmulator.host(), "--project", PubSubEmulator.PROJECT, "--topic", topic);
    try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
      assertThat(out.readLine()).isEqualTo(SubscribeCommand.WAITING_LINE);
      assertThat(PubSubEmulator.subscriptionsOf(topic)).hasSize(1);

      LwqueueProcess.interrupt(process);

      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();
      assertThat(process.exitValue()).isZero();
      // gRPC logs through java.util.logging, which prints to stderr unless bridged to the log file
      assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
      assertThat(PubSubEmulator.subscriptionsOf(topic)).isEmpty();
      assertThat(Files.readString(log)).contains("deleted temporary subscription");
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  @Test
  void twoSubscribersOnOneNamedSubscriptionTogetherReceiveEachMessageOnce() throws Exception {
    Map<String, String> env = new HashMap<>(env());
    env.put("SUBSCRIPTION_NAME", topic + "-workers");
    CliRun one = CliRun.start(env, SubscribeCommand.WAITING_LINE, "subscribe");
    CliRun two = CliRun.start(env, SubscribeCommand.WAITING_LINE,
        "subscribe", "--subscription", topic + "-workers");

    Set<String> sent = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      sent.add("task " + i);
      assertThat(send("boss", "task " + i).exitCode()).isZero();
    }

    await().atMost(Duration.ofSeconds(30))
        .until(() -> received(one).size() + received(two).size() >= 12);
    Thread.sleep(1500);
    assertThat(one.stop()).isZero();
    assertThat(two.stop()).isZero();
    List<String> received = new ArrayList<>(received(one));
    received.addAll(received(two));
    assertThat(received).hasSize(12).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(PubSubEmulator.subscriptionsOf(topic)).as("a named subscription stays")
        .containsExactly("projects/" + PubSubEmulator.PROJECT + "/subscriptions/" + topic + "-workers");
  }

  @Test
  void anUnreachableEmulatorIsOneLineAndExitCode4() {
    CliRun r = CliRun.run(env(), "send-message", "--emulator-host", "127.0.0.1:" + freePort(),
        "--username", "a", "--message", "b");

    assertOneLineError(r, ExitCode.UNREACHABLE, "cannot reach the Pub/Sub emulator at 127.0.0.1:");
  }

  @Test
  void permissionDeniedIsOneLineAndExitCode6() {
    try (RefusingPubSubServer google = RefusingPubSubServer.permissionDenied()) {
      CliRun publish = CliRun.run(env(), "send-message", "--emulator-host", google.host(),
          "--username", "a", "--message", "b");
      assertOneLineError(publish, ExitCode.ACCESS_REFUSED, "permission denied");

      CliRun subscribe = CliRun.run(env(), "subscribe", "--emulator-host", google.host());
      assertOneLineError(subscribe, ExitCode.ACCESS_REFUSED, "may not create subscription");
    }
  }

  @Test
  void aMissingTopicThatMayNotBeCreatedIsOneLine() {
    try (RefusingPubSubServer google = new RefusingPubSubServer(
        Map.of("GetTopic", Refusal.notFound("Resource not found")),
        Refusal.permissionDenied("User not authorized to perform this action."))) {
      CliRun r = CliRun.run(env(), "send-message", "--emulator-host", google.host(),
          "--username", "a", "--message", "b");

      assertOneLineError(r, ExitCode.ACCESS_REFUSED, "topic '" + topic + "' does not exist in project");
    }
  }

  @Test
  void aMissingProjectIsOneLineAndExitCode10() {
    PubSubEmulator.Instance restricted = PubSubEmulator.startDedicated("--projects=some-other-project");
    try {
      CliRun r = CliRun.run(env(), "send-message", "--emulator-host", restricted.host(),
          "--username", "a", "--message", "b");

      assertOneLineError(r, ExitCode.NOT_FOUND, "project '" + PubSubEmulator.PROJECT + "' not found");
    } finally {
      restricted.stop();
    }
  }

  @Test
  void aBadKeyFileIsOneLineAndExitCode3(@TempDir Path dir) throws IOException {
    Path key = Files.writeString(dir.resolve("key.json"), "not a key");
    Map<String, String> cloud = Map.of("LWQUEUE_BACKEND", "pubsub", "GOOGLE_CLOUD_PROJECT", "p",
        "GOOGLE_APPLICATION_CREDENTIALS", key.toString());

    CliRun r = CliRun.run(cloud, "send-message", "--username", "a", "--message", "b");

    assertOneLineError(r, ExitCode.BAD_CONFIGURATION, "key file " + key + " is not a service-account JSON key");
  }

  @Test
  void aPubSubOptionWithTheRabbitMqBackendIsAUsageError() {
    CliRun r = CliRun.run(Map.of(), "send-message", "--topic", "chat", "--username", "a",
        "--message", "b");

    assertOneLineError(r, ExitCode.USAGE, "--topic is a Pub/Sub option");
  }

  /** The message texts a print-mode subscriber showed. */
  private static List<String> received(CliRun subscriber) {
    return subscriber.out().lines()
        .filter(l -> l.startsWith("Received "))
        .map(l -> l.replaceAll(".*\"message\":\"([^\"]*)\".*", "$1"))
        .toList();
  }

  private static void assertOneLineError(CliRun r, ExitCode code, String text) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(code.code());
    // One line of error; a usage error adds the hint where to read the usage.
    List<String> lines = r.err().lines().toList();
    assertThat(lines).as(r.err()).hasSize(code == ExitCode.USAGE ? 2 : 1);
    assertThat(lines.get(0)).startsWith("lwqueue: error: ").contains(text);
    if (code == ExitCode.USAGE) {
      assertThat(lines.get(1)).startsWith("Try 'lwqueue ").endsWith(" --help' for usage.");
    }
    assertThat(r.out()).isEmpty();
  }

  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
