package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.lwqueue.cli.tui.ScreenText;
import dev.lwqueue.cli.tui.TerminalSession;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.TestBroker;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The rich table and the chat, wired as the commands wire them, against the real broker, drawn on
 * lanterna's virtual terminal. (The same on a real terminal, under tmux, is TmuxEndToEndTest.)
 */
class FullScreenCommandsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final String exchange = "lwq-tui-test-" + UUID.randomUUID();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(100, 30));

  @AfterEach
  void cleanUp() {
    executor.shutdownNow();
    TestBroker.deleteExchange(exchange);
  }

  private String row(int row) {
    return ScreenText.row(terminal, row);
  }

  private List<String> rows() {
    return ScreenText.rows(terminal);
  }

  /** Something on the normal screen, as a shell would leave it, to see that it comes back. */
  private void shellPrompt() {
    terminal.putString("shell$ ");
  }

  private void assertRestored() {
    assertThat(row(0)).startsWith("shell$ ");
    assertThat(terminal.isCursorVisible()).isTrue();
  }

  private ChatTransport sender() {
    return RabbitMqTransport.connect(TestBroker.settings(exchange));
  }

  @Test
  void richSubscribeShowsTheBrokersMessagesNewestFirstAndQLeavesCleanly() throws Exception {
    shellPrompt();
    SubscribeCommand command = new SubscribeCommand();
    new CommandLine(command).parseArgs("--mode", "rich", "--url", TestBroker.amqpUri(), "--exchange", exchange);
    command.terminal = () -> TerminalSession.start(terminal);
    Future<Integer> exit = executor.submit(command::call);

    await().atMost(WAIT).until(() -> row(0).contains("0 received") && !row(0).contains("connecting"));
    try (ChatTransport sender = sender()) {
      // The subscription is bound just after the header says connected: send until the first arrives.
      await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
        sender.publish(ChatMessage.stamped("alice", "first")).get(5, TimeUnit.SECONDS);
        return rows().stream().anyMatch(r -> r.contains("│ first"));
      });
      sender.publish(ChatMessage.stamped("bob", "second 日本語 🎉")).get(5, TimeUnit.SECONDS);
      await().atMost(WAIT).until(() -> row(3).contains("second 日本語 🎉"));
    }
    assertThat(row(1)).contains("Username").contains("Date / time").contains("Message");
    assertThat(row(3)).startsWith("bob ");
    assertThat(row(4)).startsWith("alice ").contains("first");
    assertThat(row(0)).contains("rabbitmq").contains("exchange lwq-tui-test-");

    terminal.addInput(new KeyStroke('q', false, false));
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertRestored();
  }

  @Test
  void richSubscribeStopsAfterMaxMessages() throws Exception {
    shellPrompt();
    SubscribeCommand command = new SubscribeCommand();
    new CommandLine(command).parseArgs("--mode", "rich", "--max-messages", "2", "--url", TestBroker.amqpUri(),
        "--exchange", exchange);
    command.terminal = () -> TerminalSession.start(terminal);
    Future<Integer> exit = executor.submit(command::call);
    await().atMost(WAIT).until(() -> row(0).contains("received") && !row(0).contains("connecting"));
    try (ChatTransport sender = sender()) {
      await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
        sender.publish(ChatMessage.stamped("alice", "x")).get(5, TimeUnit.SECONDS);
        return exit.isDone();
      });
    }
    assertThat(exit.get()).isZero();
    assertRestored();
  }

  @Test
  void aConnectionThatFailsLeavesTheTerminalAsItWasAndReportsTheFailure() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    shellPrompt();
    SubscribeCommand command = new SubscribeCommand();
    new CommandLine(command).parseArgs("--mode", "rich", "--host", "127.0.0.1", "--port", String.valueOf(closedPort),
        "--connect-timeout", "2");
    command.terminal = () -> TerminalSession.start(terminal);
    assertThatThrownBy(command::call)
        .isInstanceOfSatisfying(TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.UNREACHABLE));
    assertRestored();
  }

  @Test
  void chatSendsThroughTheBrokerShowsOwnMessageWhenItComesBackAndQuits() throws Exception {
    shellPrompt();
    ChatCommand command = new ChatCommand();
    new CommandLine(command).parseArgs("--username", "alice", "--url", TestBroker.amqpUri(), "--exchange", exchange);
    command.terminal = () -> TerminalSession.start(terminal);
    Future<Integer> exit = executor.submit(command::call);

    await().atMost(WAIT).until(() -> rows().stream().anyMatch(r -> r.contains("joined room " + exchange + " as alice")));
    type("hello from alice 🎉");
    terminal.addInput(new KeyStroke(KeyType.Enter));
    await().atMost(WAIT).until(() -> rows().stream().anyMatch(r -> r.contains("alice: hello from alice 🎉")));
    // Confirmed: the mark goes away.
    await().atMost(WAIT).until(() -> rows().stream()
        .anyMatch(r -> r.contains("alice: hello from alice 🎉") && !r.contains("[unconfirmed]")));

    try (ChatTransport sender = sender()) {
      sender.publish(ChatMessage.stamped("bob", "hi alice")).get(5, TimeUnit.SECONDS);
    }
    await().atMost(WAIT).until(() -> rows().stream().anyMatch(r -> r.contains("bob: hi alice")));
    List<String> rows = rows();
    int mine = ScreenText.indexOf(rows, "alice: hello from alice");
    int bobs = ScreenText.indexOf(rows, "bob: hi alice");
    assertThat(bobs).isGreaterThan(mine); // newest last
    assertThat(rows.get(28)).contains("connected").contains("room " + exchange);
    assertThat(rows.get(29)).startsWith("alice> ");

    type("/quit");
    terminal.addInput(new KeyStroke(KeyType.Enter));
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertRestored();
  }

  private void type(String text) {
    for (int i = 0; i < text.length(); i++) {
      terminal.addInput(new KeyStroke(text.charAt(i), false, false));
    }
  }

  @Test
  void withoutATerminalRichSaysSoAndFallsBackToSimple() throws Exception {
    CliRun run = CliRun.start(Map.of("NO_COLOR", "1"), SubscribeCommand.WAITING_LINE,
        "subscribe", "--mode", "rich", "--url", TestBroker.amqpUri(), "--exchange", exchange);
    try (ChatTransport sender = sender()) {
      sender.publish(ChatMessage.stamped("alice", "plain and simple")).get(5, TimeUnit.SECONDS);
    }
    run.awaitOutput("alice: plain and simple");
    assertThat(run.stop()).isZero();
    assertThat(run.err()).contains("lwqueue: --mode rich needs a terminal on stdin and stdout; showing --mode simple instead");
    assertThat(run.out()).containsPattern("\\d\\d:\\d\\d:\\d\\d alice: plain and simple");
  }

  @Test
  void chatOnPubSubShowsTheTopicAsTheRoom() throws Exception {
    String topic = "lwq-tui-topic-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      shellPrompt();
      ChatCommand command = new ChatCommand();
      new CommandLine(command).parseArgs("--username", "alice", "--backend", "pubsub",
          "--emulator-host", dev.lwqueue.pubsub.PubSubEmulator.host(),
          "--project", dev.lwqueue.pubsub.PubSubEmulator.PROJECT, "--topic", topic);
      command.terminal = () -> TerminalSession.start(terminal);
      Future<Integer> exit = executor.submit(command::call);

      await().atMost(WAIT).until(() -> rows().stream().anyMatch(r -> r.contains("joined room " + topic + " as alice")));
      assertThat(rows().get(28)).contains("room " + topic).doesNotContain("room chat");

      type("/quit");
      terminal.addInput(new KeyStroke(KeyType.Enter));
      assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
      assertRestored();
    } finally {
      dev.lwqueue.pubsub.PubSubEmulator.deleteTopic(topic);
    }
  }

  @Test
  void chatWithoutATerminalIsAUsageErrorThatSaysWhatToDo() {
    CliRun run = CliRun.run("chat", "--username", "alice");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("chat needs a terminal on stdin and stdout; from a script, use send-message and subscribe");
  }

  @Test
  void aHistoryBelowOneIsAUsageError() {
    CliRun run = CliRun.run("subscribe", "--mode", "rich", "--history", "0");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("--history must be at least 1");
  }
}
