package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lwqueue.cli.tui.Glyphs;
import dev.lwqueue.cli.tui.ScreenText;
import dev.lwqueue.rabbitmq.TestBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lwqueue in a real terminal: tmux runs {@code subscribe --mode rich} and {@code chat} in a 100x30
 * window against the real broker; send-message and typed keys send messages; what tmux shows is
 * checked, also after a resize and after leaving (the shell prompt back, nothing of the screen
 * left, the cursor visible, echo on).
 */
class TmuxEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(250);

  @TempDir Path dir;

  private final String exchange = "lwq-e2e-" + UUID.randomUUID();
  private final Glyphs glyphs = new Glyphs();
  private Tmux tmux;

  @BeforeEach
  void start() throws IOException {
    writeLauncher();
    tmux = new Tmux(100, 30);
    waitFor("the shell prompt", s -> s.contains(Tmux.PROMPT));
  }

  @AfterEach
  void stop() {
    if (tmux != null) {
      tmux.close();
    }
    TestBroker.deleteExchange(exchange);
  }

  /** {@code ./lwq}: the CLI from this build's classes, aimed at the test broker and this test's exchange. */
  private void writeLauncher() throws IOException {
    // without the tests' classes: the shipped logging configuration, not the tests' logback-test.xml
    String classpath = LwqueueProcess.shippedClassPath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path launcher = dir.resolve("lwq");
    Files.writeString(launcher, String.join("\n",
        "#!/bin/sh",
        "export LWQUEUE_AMQP_URL='" + TestBroker.amqpUri() + "'",
        "export LWQUEUE_EXCHANGE='" + exchange + "'",
        "export LWQUEUE_LOG_FILE='" + dir.resolve("lwqueue.log") + "'",
        "echo $$ > '" + dir.resolve("lwq.pid") + "'", // exec keeps the pid: the signal tests' target
        "exec '" + java + "' -XX:TieredStopAtLevel=1 -cp '" + classpath
            + "' dev.lwqueue.cli.Main \"$@\"",
        ""));
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private void run(String commandLine) {
    tmux.keys("cd '" + dir + "' && " + commandLine);
    tmux.enter();
  }

  private List<String> waitFor(String what, Predicate<String> condition) {
    String[] last = {""};
    try {
      await().atMost(WAIT).pollInterval(POLL).until(() -> condition.test(last[0] = tmux.screenText()));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + "; the pane shows:\n" + last[0], e);
    }
    return tmux.screen();
  }

  /** send-message, in-process: the real command, to the same broker and exchange. */
  private void sendMessage(String username, String message) {
    CliRun run = CliRun.run("send-message", "--url", TestBroker.amqpUri(), "--exchange", exchange,
        "--username", username, "--message", message);
    assertThat(run.exitCode()).as("send-message: %s", run.err()).isZero();
  }

  /** Sends until the message shows: the subscriber binds its queue just after it says it is connected. */
  private void sendUntilShown(String username, String message) {
    await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
      if (tmux.screenText().contains(message)) {
        return true;
      }
      sendMessage(username, message);
      return false;
    });
  }

  private int displayColumn(String line, String glyph) {
    int i = line.indexOf(glyph);
    return i < 0 ? -1 : glyphs.width(line.substring(0, i));
  }

  private void assertBackAtThePromptWithNothingLeft(String... gone) {
    List<String> screen = waitFor("the prompt after leaving", s -> s.strip().endsWith(Tmux.PROMPT));
    String text = String.join("\n", screen);
    for (String g : gone) {
      assertThat(text).as("left on the screen").doesNotContain(g);
    }
    assertThat(tmux.pane("#{alternate_on}")).as("alternate screen").isEqualTo("0");
    assertThat(tmux.pane("#{cursor_flag}")).as("cursor visible").isEqualTo("1");
    // Echo is on again: a typed command shows, then its output.
    tmux.keys("echo typed-$((40+2))");
    tmux.enter();
    waitFor("the echoed command", s -> s.contains("echo typed-$((40+2))") && s.contains("\ntyped-42"));
  }

  @Test
  void richTableShowsMessagesNewestFirstRedrawsOnResizeAndLeavesNothingBehind() {
    run("./lwq subscribe --mode rich");
    waitFor("the table, connected", s -> s.contains("Username") && s.contains("0 received") && !s.contains("connecting"));
    assertThat(tmux.pane("#{alternate_on}")).isEqualTo("1");

    sendUntilShown("alice", "hello from send-message");
    String longText = "long " + "x".repeat(200);
    sendMessage("明美", "日本語のメッセージ");
    sendMessage("bob", longText);
    List<String> screen = waitFor("three messages", s -> s.contains("long xxx") && s.contains("日本語"));

    assertThat(screen.get(1)).startsWith("Username").contains("│ Date / time").contains("│ Message");
    assertThat(screen.get(3)).startsWith("bob ");
    assertThat(screen.get(4)).startsWith("明美 ").contains("日本語のメッセージ");
    assertThat(screen.get(5)).startsWith("alice ").contains("hello from send-message");
    int separator = displayColumn(screen.get(1), "│");
    assertThat(displayColumn(screen.get(4), "│")).as("column after a wide name").isEqualTo(separator);
    assertThat(screen.get(3)).endsWith("…");
    assertThat(glyphs.width(screen.get(3))).isEqualTo(100);
    assertThat(screen.get(29)).contains("q/Esc/Ctrl-C quit");

    tmux.resize(70, 30);
    screen = waitFor("the table redrawn at 70 columns",
        s -> s.lines().anyMatch(l -> l.startsWith("bob ") && glyphs.width(l) == 70 && l.endsWith("…")));
    assertThat(screen.get(2).strip()).hasSize(70);
    assertThat(screen.get(3)).startsWith("bob ");

    tmux.press("q");
    assertBackAtThePromptWithNothingLeft("Username", "received", "hello from send-message", "xxxxx");
  }

  @Test
  void chatSendsTypedMessagesShowsEverybodysNewestLastAndQuits() {
    run("./lwq chat --username alice");
    waitFor("the chat, joined", s -> s.contains("joined room " + exchange + " as alice"));
    assertThat(tmux.pane("#{alternate_on}")).isEqualTo("1");

    tmux.keys("hello from tmux 🎉");
    tmux.enter();
    waitFor("alice's own message back from the broker", s -> s.contains("alice: hello from tmux 🎉"));
    sendMessage("bob", "hi alice, from send-message");
    List<String> screen = waitFor("bob's message", s -> s.contains("bob: hi alice, from send-message"));

    int mine = ScreenText.indexOf(screen, "alice: hello from tmux");
    int bobs = ScreenText.indexOf(screen, "bob: hi alice");
    assertThat(bobs).as("newest last").isGreaterThan(mine);
    assertThat(screen.get(28)).contains("connected").contains("room " + exchange);
    assertThat(screen.get(29)).startsWith("alice>");

    tmux.keys("/nick carol");
    tmux.enter();
    waitFor("the new name", s -> s.contains("you are now carol") && s.contains("carol>"));

    tmux.keys("/quit");
    tmux.enter();
    assertBackAtThePromptWithNothingLeft("hello from tmux", "bob: hi alice", "joined room", "carol>");
  }

  @Test
  void ctrlCLeavesTheTableWithExitCodeZero() {
    run("./lwq subscribe --mode rich; echo rc=$?");
    waitFor("the table, connected", s -> s.contains("Username") && !s.contains("connecting"));
    tmux.press("C-c");
    waitFor("the exit code", s -> s.contains("\nrc="));
    assertThat(tmux.screenText()).contains("\nrc=0");
    assertThat(tmux.pane("#{alternate_on}")).isEqualTo("0");
    assertThat(tmux.pane("#{cursor_flag}")).isEqualTo("1");
    assertThat(tmux.screenText()).doesNotContain("Username");
  }

  @Test
  void aConnectionThatFailsRestoresTheTerminalAndPrintsOneLine() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    run("./lwq subscribe --mode rich --url amqp://guest:guest@127.0.0.1:" + closedPort + "/ --connect-timeout 2; echo rc=$?");
    List<String> screen = waitFor("the exit code", s -> s.contains("\nrc="));
    String text = String.join("\n", screen);
    assertThat(text).contains("\nrc=" + ExitCode.UNREACHABLE.code()).containsPattern("lwqueue: error: .*127\\.0\\.0\\.1");
    assertThat(text).doesNotContain("Username").doesNotContain("Exception");
    assertThat(tmux.pane("#{alternate_on}")).isEqualTo("0");
    assertThat(tmux.pane("#{cursor_flag}")).isEqualTo("1");
  }

  /** SIGTERM and SIGHUP, sent from outside the terminal, leave like Ctrl-C does. */
  private void signalAndExpectACleanExit(String signal, String... gone) throws Exception {
    String pid = Files.readString(dir.resolve("lwq.pid")).strip();
    Process kill = new ProcessBuilder("kill", "-" + signal, pid).start();
    assertThat(kill.waitFor()).as("kill -%s %s", signal, pid).isZero();
    waitFor("the exit code", s -> s.contains("\nrc="));
    assertThat(tmux.screenText()).contains("\nrc=0");
    assertBackAtThePromptWithNothingLeft(gone);
  }

  @Test
  void sigtermLeavesTheTableAndRestoresTheTerminal() throws Exception {
    run("./lwq subscribe --mode rich; echo rc=$?");
    waitFor("the table, connected", s -> s.contains("Username") && !s.contains("connecting"));
    signalAndExpectACleanExit("TERM", "Username", "received");
  }

  @Test
  void sighupLeavesTheChatAndRestoresTheTerminal() throws Exception {
    run("./lwq chat --username alice; echo rc=$?");
    waitFor("the chat, joined", s -> s.contains("joined room " + exchange + " as alice"));
    signalAndExpectACleanExit("HUP", "joined room", "alice>");
  }

  @Test
  void sigtermLeavesTheChatAndRestoresTheTerminal() throws Exception {
    run("./lwq chat --username alice; echo rc=$?");
    waitFor("the chat, joined", s -> s.contains("joined room " + exchange + " as alice"));
    signalAndExpectACleanExit("TERM", "joined room", "alice>");
  }
}
