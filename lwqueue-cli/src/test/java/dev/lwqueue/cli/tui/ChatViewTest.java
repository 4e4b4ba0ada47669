package dev.lwqueue.cli.tui;

import static dev.lwqueue.cli.tui.model.MessageLogTest.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.KeyType;
import dev.lwqueue.cli.output.UsernameColours;
import dev.lwqueue.cli.tui.model.ChatSender;
import dev.lwqueue.cli.tui.model.ConnectionStatus;
import dev.lwqueue.cli.tui.model.MessageLog;
import dev.lwqueue.cli.tui.model.Outbox;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ConnectionEvent;
import dev.lwqueue.core.Delivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatViewTest {

  private final Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
  private final MessageLog log = new MessageLog(MessageLog.DEFAULT_CAPACITY);
  private final ConnectionStatus status = new ConnectionStatus("amqp://guest@127.0.0.1:5672/ exchange chat");
  private final Outbox outbox = new Outbox();
  private final ChatSender sender = new ChatSender(log, outbox, Duration.ofSeconds(5), clock);
  private final ChatView view = new ChatView(log, status, outbox, sender, "rabbitmq", "chat", "alice", clock, ZoneOffset.UTC);
  private VirtualScreen screen;

  private VirtualScreen screen(int columns, int rows) {
    screen = new VirtualScreen(view, columns, rows);
    return screen;
  }

  @AfterEach
  void close() throws Exception {
    sender.close();
    if (screen != null) {
      screen.close();
    }
  }

  @Test
  void newestMessageIsLastAndTheStatusAndInputLinesAreAtTheBottom() {
    status.connected("amqp://guest@127.0.0.1:5672/ exchange chat");
    VirtualScreen s = screen(80, 12);
    for (int i = 1; i <= 3; i++) {
      log.add(delivery("user" + i, "message " + i));
    }
    s.frame();
    assertThat(s.row(0)).startsWith("12:00:00 user1: message 1");
    assertThat(s.row(1)).startsWith("12:00:00 user2: message 2");
    assertThat(s.row(2)).startsWith("12:00:00 user3: message 3");
    assertThat(s.row(10)).contains("connected").contains("room chat").contains("alice").contains("rabbitmq");
    assertThat(s.row(11)).startsWith("alice> ");
    // A full pane: the newest is on the last pane row.
    for (int i = 4; i <= 30; i++) {
      log.add(delivery("user" + i, "message " + i));
    }
    s.frame();
    assertThat(s.row(9)).contains("user30: message 30");
    assertThat(s.row(0)).contains("user21: message 21");
  }

  @Test
  void eachUsernameHasItsStableColour() {
    VirtualScreen s = screen(80, 10);
    log.add(delivery("alice", "one"));
    log.add(delivery("bob", "two"));
    log.add(delivery("alice", "three"));
    s.frame();
    int nameColumn = 9;
    assertThat(s.at(nameColumn, 0).getForegroundColor()).isEqualTo(UsernameColours.lanterna("alice".hashCode()));
    assertThat(s.at(nameColumn, 1).getForegroundColor()).isEqualTo(UsernameColours.lanterna("bob".hashCode()));
    assertThat(s.at(nameColumn, 2).getForegroundColor()).isEqualTo(s.at(nameColumn, 0).getForegroundColor());
    // The same palette index as the ANSI colours of --mode simple.
    assertThat(UsernameColours.lanterna("alice".hashCode()).ordinal() - com.googlecode.lanterna.TextColor.ANSI.BLACK.ordinal())
        .isEqualTo(UsernameColours.ansiCode("alice") < 90 ? UsernameColours.ansiCode("alice") - 30 : -1);
  }

  @Test
  void longMessagesWrapUnderTheNameAndHostileTextIsEscaped() {
    VirtualScreen s = screen(40, 10);
    log.add(delivery("evil\u001b[31m", "one two three four five six seven eight nine ten \u202Eeleven\u001b]0;x\u0007"));
    s.frame();
    assertThat(s.row(0)).startsWith("12:00:00 evil\\e[31m: one two three four");
    assertThat(s.row(1)).startsWith(" ".repeat(ChatView.INDENT));
    String all = String.join("", s.rows());
    assertThat(all.replaceAll(" +", " ")).contains("\\u202eeleven\\e]0;x\\x07");
    assertThat(all).doesNotContain("\u001b").doesNotContain("\u202E");
  }

  @Test
  void wideCharactersWrapWithoutSplittingAGlyph() {
    VirtualScreen s = screen(30, 10);
    log.add(delivery("明美", "日本語".repeat(10) + " 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉"));
    s.frame();
    for (int row = 0; row < 8; row++) {
      assertThat(s.cells(row)).as("row %d", row).hasSize(30);
    }
    assertThat(s.row(0)).startsWith("12:00:00 明美: 日本語");
    assertThat(String.join("", s.rows())).contains("🎉🎉");
  }

  @Test
  void typingShowsInTheInputLineWithTheCursorAndUpRecallsEarlierInput() {
    VirtualScreen s = screen(60, 10);
    s.type("héllo 🎉");
    s.frame();
    assertThat(s.row(9)).startsWith("alice> héllo 🎉");
    assertThat(s.session.screen().getCursorPosition()).isEqualTo(new TerminalPosition(7 + 8, 9));
    s.press(KeyType.Backspace);
    s.frame();
    assertThat(s.row(9).strip()).isEqualTo("alice> héllo");
    s.press(KeyType.Enter); // not connected: kept out of the room, and said so
    s.frame();
    assertThat(s.rowContaining("!! not connected yet: the message was not sent")).isGreaterThanOrEqualTo(0);
    assertThat(s.row(9).strip()).isEqualTo("alice>");
    s.press(KeyType.ArrowUp);
    s.frame();
    assertThat(s.row(9).strip()).isEqualTo("alice> héllo");
  }

  @Test
  void slashCommandsHelpNickAndQuit() {
    VirtualScreen s = screen(100, 20);
    s.type("/help");
    s.press(KeyType.Enter);
    s.frame();
    assertThat(s.rowContaining("/nick NAME")).isGreaterThanOrEqualTo(0);
    s.type("/nick bob");
    s.press(KeyType.Enter);
    s.frame();
    assertThat(s.rowContaining("-- you are now bob")).isGreaterThanOrEqualTo(0);
    assertThat(s.row(19)).startsWith("bob> ");
    assertThat(s.row(18)).contains("bob");
    s.type("/frobnicate");
    s.press(KeyType.Enter);
    s.frame();
    assertThat(s.rowContaining("!! unknown command /frobnicate: type /help")).isGreaterThanOrEqualTo(0);
    s.type("/quit");
    s.press(KeyType.Enter);
    assertThat(s.frame()).isFalse();
  }

  @Test
  void ctrlCLeavesButQAndEscDoNot() {
    VirtualScreen s = screen(60, 10);
    s.press('q', false);
    s.press(KeyType.Escape);
    assertThat(s.frame()).isTrue();
    s.press('c', true);
    assertThat(s.frame()).isFalse();
  }

  @Test
  void ownMessageIsMarkedUntilTheBrokerConfirmsIt() {
    VirtualScreen s = screen(80, 10);
    ChatMessage mine = ChatMessage.stamped("alice", "my words");
    outbox.sending(mine.id());
    log.add(Delivery.of(ChatCodec.encode(mine), false, Map.of()));
    s.frame();
    assertThat(s.row(0)).contains("alice: my words [unconfirmed]");
    outbox.confirmed(mine.id());
    s.frame();
    assertThat(s.row(0).strip()).endsWith("alice: my words");
    ChatMessage lost = ChatMessage.stamped("alice", "lost words");
    outbox.sending(lost.id());
    outbox.notConfirmed(lost.id());
    log.add(Delivery.of(ChatCodec.encode(lost), false, Map.of()));
    s.frame();
    assertThat(s.row(1)).contains("alice: lost words [NOT CONFIRMED]");
  }

  @Test
  void pageUpScrollsBackAndHoldsStillWhileMessagesArriveAndEscReturns() {
    VirtualScreen s = screen(60, 12); // 10 pane rows
    for (int i = 0; i < 100; i++) {
      log.add(delivery("u", "m" + i));
    }
    s.frame();
    assertThat(s.row(9)).contains("u: m99");
    s.press(KeyType.PageUp);
    s.frame();
    assertThat(s.row(9)).contains("u: m90");
    assertThat(s.row(10)).contains("SCROLLED BACK (9 newer)");
    log.add(delivery("u", "m100"));
    s.frame();
    assertThat(s.row(9)).contains("u: m90");
    for (int i = 0; i < 20; i++) {
      s.press(KeyType.PageUp);
    }
    s.frame();
    assertThat(s.row(0)).contains("u: m0");
    assertThat(s.row(9)).contains("u: m9");
    s.press(KeyType.PageDown);
    s.frame();
    assertThat(s.row(9)).contains("u: m18");
    s.press(KeyType.Escape);
    s.frame();
    assertThat(s.row(9)).contains("u: m100");
    assertThat(s.row(10)).doesNotContain("SCROLLED");
  }

  @Test
  void scrollingWorksInLinesOfWrappedMessages() {
    VirtualScreen s = screen(30, 7); // 5 pane rows
    for (int i = 0; i < 10; i++) {
      log.add(delivery("u", "m" + i + " " + "long text ".repeat(4))); // 3 lines each at 30 columns
    }
    s.frame();
    List<String> before = s.rows().subList(0, 5);
    s.press(KeyType.PageUp);
    s.frame();
    List<String> after = s.rows().subList(0, 5);
    assertThat(after).isNotEqualTo(before);
    assertThat(after.get(4)).isEqualTo(before.get(0)); // one line of overlap
  }

  @Test
  void aTinyTerminalDoesNotBreakTheView() {
    VirtualScreen s = screen(5, 2);
    log.add(delivery("alice", "hello there"));
    s.type("abc");
    assertThat(s.frame()).isTrue();
    s.resize(1, 1);
    assertThat(s.frame()).isTrue();
  }

  @Test
  void theStatusLineFollowsTheConnection() {
    VirtualScreen s = screen(100, 10);
    s.frame();
    assertThat(s.row(8)).startsWith(" connecting…");
    status.connected("amqp://guest@127.0.0.1:5672/ exchange chat");
    s.frame();
    assertThat(s.row(8)).startsWith(" connected · room chat · alice · rabbitmq · amqp://guest@127.0.0.1:5672/");
    status.onEvent(ConnectionEvent.of(ConnectionEvent.State.RECOVERING, "connection lost: reset"));
    s.frame();
    assertThat(s.row(8)).startsWith(" reconnecting… (connection lost: reset) · room chat");
    assertThat(s.at(2, 8).getForegroundColor()).isEqualTo(com.googlecode.lanterna.TextColor.ANSI.RED);
    status.onEvent(new ConnectionEvent(ConnectionEvent.State.RECOVERED, "back", Duration.ofSeconds(3)));
    s.frame();
    assertThat(s.row(8)).startsWith(" connected · room chat");
  }

  @Test
  void slashWhoListsTheRoomAndAVerifiedSenderIsMarked() {
    VirtualScreen s = screen(120, 12);
    view.presence(() -> java.util.List.of(new dev.lwqueue.core.Participant("bob", "bob", "lwqueue",
        java.time.Instant.parse("2026-11-30T17:00:00Z"), "10.0.0.2:40000", "amq.gen-x")));
    s.type("/who");
    s.press(KeyType.Enter);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
      s.frame();
      return s.rowContaining("10.0.0.2:40000") >= 0;
    });
    assertThat(s.rowContaining("-- 1 is in the room:")).isGreaterThanOrEqualTo(0);
    log.add(Delivery.of(ChatCodec.encode(new ChatMessage("bob", "signed", null, null)), false, Map.of(), "bob", null));
    log.add(Delivery.of(ChatCodec.encode(new ChatMessage("bob", "forged", null, null)), false, Map.of(), "eve", null));
    s.frame();
    assertThat(s.row(s.rowContaining("signed"))).contains("bob \u2713: signed");
    assertThat(s.row(s.rowContaining("forged"))).contains(" bob: forged");
  }

  @Test
  void aPrivateMessageShowsMarkedWhereItWasTyped() {
    VirtualScreen s = screen(100, 10);
    s.type("/msg bob see you");
    s.press(KeyType.Enter);
    s.frame();
    assertThat(s.rowContaining("!! not connected yet")).isGreaterThanOrEqualTo(0);
    log.add(Delivery.of(ChatCodec.encode(new ChatMessage("carol", "psst", null, null)), false, Map.of(), "carol",
        "alice"));
    s.frame();
    assertThat(s.rowContaining("carol \u2713: [private to alice] psst"))
        .isGreaterThanOrEqualTo(0);
  }
}
