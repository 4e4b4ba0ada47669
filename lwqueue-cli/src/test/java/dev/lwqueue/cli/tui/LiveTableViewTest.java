package dev.lwqueue.cli.tui;

import static dev.lwqueue.cli.tui.model.MessageLogTest.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import dev.lwqueue.cli.tui.model.ConnectionStatus;
import dev.lwqueue.cli.tui.model.MessageLog;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveTableViewTest {

  private final MessageLog log = new MessageLog(MessageLog.DEFAULT_CAPACITY);
  private final ConnectionStatus status = new ConnectionStatus("amqp://guest@127.0.0.1:5672/ exchange chat");
  private final LiveTableView view = new LiveTableView(log, status, "rabbitmq", ZoneOffset.UTC);
  private VirtualScreen screen;

  private VirtualScreen screen(int columns, int rows) {
    screen = new VirtualScreen(view, columns, rows);
    return screen;
  }

  @AfterEach
  void close() throws Exception {
    if (screen != null) {
      screen.close();
    }
  }

  @Test
  void showsTheHeaderColumnHeadingsAndFooterInTheirColours() {
    status.connected("amqp://guest@127.0.0.1:5672/ exchange chat");
    log.add(delivery("alice", "hi"));
    VirtualScreen s = screen(100, 30);
    s.frame();
    assertThat(s.row(0)).contains("1 received").contains("rabbitmq").contains("amqp://guest@127.0.0.1:5672/ exchange chat");
    String headings = s.row(1);
    assertThat(headings).startsWith("Username").contains("│ Date / time").contains("│ Message");
    assertThat(s.at(0, 1).getForegroundColor()).isEqualTo(TextColor.ANSI.GREEN);
    assertThat(s.at(s.column(1, "D"), 1).getForegroundColor()).isEqualTo(TextColor.ANSI.MAGENTA);
    assertThat(s.at(headings.indexOf("Message"), 1).getForegroundColor()).isEqualTo(TextColor.ANSI.CYAN);
    assertThat(s.row(3)).startsWith("alice ").contains("│ hi");
    assertThat(s.at(0, 3).getForegroundColor()).isEqualTo(TextColor.ANSI.GREEN);
    assertThat(s.at(s.row(3).indexOf("hi"), 3).getForegroundColor()).isEqualTo(TextColor.ANSI.CYAN);
    assertThat(s.row(29)).contains("q/Esc/Ctrl-C quit");
  }

  @Test
  void newestMessageIsOnTop() {
    VirtualScreen s = screen(100, 30);
    for (int i = 1; i <= 5; i++) {
      log.add(delivery("user" + i, "message " + i));
    }
    s.frame();
    assertThat(List.of(s.row(3), s.row(4), s.row(5), s.row(6), s.row(7)))
        .extracting(r -> r.substring(0, 5) + r.substring(r.indexOf("message")).strip())
        .containsExactly("user5message 5", "user4message 4", "user3message 3", "user2message 2", "user1message 1");
  }

  @Test
  void longMessagesAreCutAtTheEdgeWithAnEllipsis() {
    VirtualScreen s = screen(80, 20);
    log.add(delivery("alice", "word ".repeat(100)));
    s.frame();
    List<String> cells = s.cells(3);
    assertThat(cells).hasSize(80);
    assertThat(cells.get(79)).isEqualTo("…");
    assertThat(s.at(79, 3).getForegroundColor()).isEqualTo(TextColor.ANSI.CYAN);
  }

  @Test
  void wideCharactersKeepTheColumnsAligned() {
    VirtualScreen s = screen(100, 30);
    log.add(delivery("明美", "日本語のメッセージ " + "漢字".repeat(60)));
    log.add(delivery("party🎉", "emoji 🎉🚀 " + "🎉".repeat(80)));
    log.add(delivery("bob", "plain"));
    s.frame();
    int nameSeparator = s.column(1, "│");
    for (int row = 3; row <= 5; row++) {
      List<String> cells = s.cells(row);
      assertThat(cells).as("row %d", row).hasSize(100);
      assertThat(cells.get(nameSeparator)).as("row %d: %s", row, s.row(row)).isEqualTo("│");
      assertThat(cells.lastIndexOf("│")).as("row %d", row).isEqualTo(s.cells(1).lastIndexOf("│"));
    }
    assertThat(s.row(3)).contains("plain");
    assertThat(s.row(4)).startsWith("party🎉").contains("emoji 🎉🚀");
    assertThat(s.row(5)).startsWith("明美").contains("日本語のメッセージ");
    // A cut wide line ends with the ellipsis within the width, never a half glyph.
    assertThat(s.row(4)).contains("…");
    assertThat(s.row(5)).contains("…");
  }

  @Test
  void hostileInputIsShownEscapedAndNeverReachesTheTerminal() {
    VirtualScreen s = screen(120, 30);
    log.add(delivery("evil\u001b[31m", "x\u001b]0;pwned\u0007 \u001b[2J \u202Eabc \u0085 \u009b31m end"));
    s.frame();
    String row = s.row(3);
    assertThat(row).startsWith("evil\\e[31m").contains("x\\e]0;pwned\\x07 \\e[2J \\u202eabc \\x85 \\x9b31m end");
    for (String r : s.rows()) {
      assertThat(r).doesNotContain("\u001b").doesNotContain("\u202E").doesNotContain("\u0085").doesNotContain("\u009b");
    }
  }

  @Test
  void aResizeRedrawsTheTableToTheNewWidth() {
    VirtualScreen s = screen(100, 30);
    log.add(delivery("alice", "word ".repeat(100)));
    s.frame();
    assertThat(s.cells(3).get(99)).isEqualTo("…");
    s.resize(60, 20);
    s.frame();
    assertThat(s.cells(3)).hasSize(60);
    assertThat(s.cells(3).get(59)).isEqualTo("…");
    assertThat(s.row(2).strip()).hasSize(60);
    assertThat(s.row(19)).contains("q/Esc/Ctrl-C quit");
    s.resize(40, 10); // narrow: time only, still aligned
    s.frame();
    assertThat(s.row(3)).matches("alice +│ \\d\\d:\\d\\d:\\d\\d │ word.*…");
  }

  @Test
  void redrawsOncePerFrameHoweverManyMessagesArrived() {
    VirtualScreen s = screen(100, 30);
    s.frame();
    long before = s.loop.redraws();
    for (int i = 0; i < 10_000; i++) {
      log.add(delivery("u", "m" + i));
    }
    s.frame();
    assertThat(s.loop.redraws()).isEqualTo(before + 1);
    assertThat(s.row(3)).contains("m9999");
    // Nothing changed: no redraw until a second has passed (for the clock and the rate).
    s.frame();
    assertThat(s.loop.redraws()).isEqualTo(before + 1);
    s.advance(1_000_000_000L);
    s.frame();
    assertThat(s.loop.redraws()).isEqualTo(before + 2);
  }

  @Test
  void qEscAndCtrlCLeave() {
    VirtualScreen s = screen(80, 20);
    s.press('x', false);
    assertThat(s.frame()).isTrue();
    s.press('q', false);
    assertThat(s.frame()).isFalse();
    s.press(KeyType.Escape);
    assertThat(s.frame()).isFalse();
    s.press('c', true);
    assertThat(s.frame()).isFalse();
  }

  @Test
  void scrollingBackHoldsTheViewStillWhileMessagesArrive() {
    VirtualScreen s = screen(80, 14); // 10 message rows
    for (int i = 0; i < 50; i++) {
      log.add(delivery("u", "m" + i));
    }
    s.frame();
    assertThat(s.row(3)).contains("m49");
    s.press(KeyType.PageDown);
    s.frame();
    assertThat(s.row(3)).contains("m40 ");
    assertThat(s.row(13)).contains("SCROLLED");
    log.add(delivery("u", "m50"));
    s.frame();
    assertThat(s.row(3)).contains("m40 ");
    s.press(KeyType.Home);
    s.frame();
    assertThat(s.row(3)).contains("m50");
    s.press(KeyType.End);
    s.frame();
    assertThat(s.row(12)).contains("m0 ");
  }

  @Test
  void theHeaderSaysWhenTheConnectionIsDown() {
    VirtualScreen s = screen(100, 20);
    s.frame();
    assertThat(s.row(0)).contains("connecting…");
    status.connected("amqp://guest@127.0.0.1:5672/ exchange chat");
    status.onEvent(dev.lwqueue.core.ConnectionEvent.of(dev.lwqueue.core.ConnectionEvent.State.RECOVERING, "connection lost"));
    s.frame();
    assertThat(s.row(0)).contains("reconnecting… connection lost");
    assertThat(s.at(1, 0).getForegroundColor()).isEqualTo(TextColor.ANSI.RED);
  }
}
