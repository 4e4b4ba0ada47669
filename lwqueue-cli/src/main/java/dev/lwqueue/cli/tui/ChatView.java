package dev.lwqueue.cli.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import dev.lwqueue.cli.output.ParticipantLines;
import dev.lwqueue.cli.output.UsernameColours;
import dev.lwqueue.cli.tui.model.ChatInput;
import dev.lwqueue.cli.tui.model.ChatSender;
import dev.lwqueue.cli.tui.model.ConnectionStatus;
import dev.lwqueue.cli.tui.model.LogEntry;
import dev.lwqueue.cli.tui.model.MessageLog;
import dev.lwqueue.cli.tui.model.Outbox;
import dev.lwqueue.core.Presence;
import dev.lwqueue.core.TerminalText;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code lwqueue chat}: the message pane (newest at the bottom, wrapped to the width, PageUp and
 * PageDown to scroll back), a status line, and the input line at the bottom.
 */
public final class ChatView implements View {

  /** Continuation lines of a wrapped message start under the name, past the time. */
  static final int INDENT = 9;
  static final String UNCONFIRMED = " [unconfirmed]";
  static final String NOT_CONFIRMED = " [NOT CONFIRMED]";

  private static final Style TIME = Style.of(TextColor.ANSI.BLACK_BRIGHT);
  private static final Style TEXT = Style.PLAIN;
  private static final Style FOREIGN = Style.of(TextColor.ANSI.YELLOW);
  private static final Style NOTICE = Style.of(TextColor.ANSI.BLUE_BRIGHT);
  private static final Style WARNING = Style.of(TextColor.ANSI.RED, SGR.BOLD);
  private static final Style PENDING = Style.of(TextColor.ANSI.YELLOW);
  private static final Style BAR = Style.of(TextColor.ANSI.DEFAULT, SGR.REVERSE);
  private static final Style BAR_ALERT = Style.of(TextColor.ANSI.RED, SGR.REVERSE, SGR.BOLD);
  private static final Style PROMPT = Style.of(TextColor.ANSI.DEFAULT, SGR.BOLD);
  private static final Style[] NAMES = new Style[12];

  private final MessageLog log;
  private final ConnectionStatus status;
  private final Outbox outbox;
  private final ChatSender sender;
  private final String backend;
  private final String room;
  private final Clock clock;
  private final DateTimeFormatter time;
  private final InputLine input = new InputLine(LogEntry.MAX_TEXT_CHARS);
  private final Glyphs glyphs = new Glyphs(); // for key handling; drawing uses the canvas's
  private String nick;
  private long localVersion;
  private volatile Presence presence;

  // Scrolling: the bottom visible line as (entry, line within the entry); -1 follows the newest.
  private long bottomSeq = -1;
  private int bottomLine;
  private int width = 80;
  private int paneRows = 1;

  public ChatView(MessageLog log, ConnectionStatus status, Outbox outbox, ChatSender sender,
      String backend, String room, String nick, Clock clock, ZoneId zone) {
    this.log = log;
    this.status = status;
    this.outbox = outbox;
    this.sender = sender;
    this.backend = backend;
    this.room = TerminalText.sanitize(room);
    this.nick = nick;
    this.clock = clock;
    this.time = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
  }

  public String nick() {
    return nick;
  }

  /** Where {@code /who} asks who is in the room; without one it says it cannot tell. */
  public void presence(Presence newPresence) {
    this.presence = newPresence;
  }

  @Override
  public long version() {
    return log.version() + status.version() + outbox.version() + localVersion;
  }

  @Override
  public boolean onKey(KeyStroke key) {
    if (View.isCtrlC(key)) {
      return false;
    }
    switch (key.getKeyType()) {
      case PageUp -> scrollUp(Math.max(1, paneRows - 1));
      case PageDown -> scrollDown(Math.max(1, paneRows - 1));
      case Escape -> bottomSeq = -1;
      default -> {
        if (InputLine.handles(key)) {
          String line = input.onKey(key);
          if (line != null) {
            return execute(line);
          }
        }
      }
    }
    return true;
  }

  private boolean execute(String line) {
    ChatInput command = ChatInput.parse(line);
    if (command instanceof ChatInput.Send send) {
      if (sender.send(nick, send.text())) {
        bottomSeq = -1; // after sending, show the newest
      } else {
        note(LogEntry.warning(clock.instant(), "not connected yet: the message was not sent"));
      }
    } else if (command instanceof ChatInput.Nick n) {
      nick = n.name();
      note(LogEntry.notice(clock.instant(), "you are now " + nick));
    } else if (command instanceof ChatInput.PrivateMessage pm) {
      if (sender.sendPrivate(nick, pm.account(), pm.text())) {
        bottomSeq = -1;
      } else {
        note(LogEntry.warning(clock.instant(), "not connected yet: the message was not sent"));
      }
    } else if (command instanceof ChatInput.Who) {
      who();
    } else if (command instanceof ChatInput.Help) {
      ChatInput.HELP.forEach(h -> note(LogEntry.notice(clock.instant(), h)));
    } else if (command instanceof ChatInput.Problem p) {
      note(LogEntry.warning(clock.instant(), p.message()));
    } else if (command instanceof ChatInput.Quit) {
      return false;
    }
    localVersion++;
    return true;
  }

  /** Asks on a thread of its own: the management API may take seconds, the screen must not wait. */
  private void who() {
    Presence p = presence;
    if (p == null) {
      note(LogEntry.warning(clock.instant(), "who is in the room cannot be told here"));
      return;
    }
    Thread asking = new Thread(() -> {
      try {
        ParticipantLines.of(p.who()).forEach(line -> log.add(LogEntry.notice(clock.instant(), line)));
      } catch (RuntimeException e) {
        log.add(LogEntry.warning(clock.instant(), "/who: " + e.getMessage()));
      }
    }, "lwqueue-who");
    asking.setDaemon(true);
    asking.start();
  }

  private void note(LogEntry entry) {
    log.add(entry);
    bottomSeq = -1;
  }

  @Override
  public void draw(Canvas canvas, long nowNanos) {
    width = Math.max(1, canvas.columns());
    paneRows = Math.max(0, canvas.rows() - 2);
    List<List<TextCharacter>> lines = visibleLines(canvas.glyphs());
    for (int row = 0; row < paneRows; row++) {
      List<TextCharacter> line = row < lines.size() ? lines.get(row) : List.of();
      canvas.put(0, row, width, line, Style.PLAIN);
    }
    drawStatus(canvas, canvas.rows() - 2);
    drawInput(canvas, canvas.rows() - 1);
  }

  /** The pane's lines, top to bottom. */
  private List<List<TextCharacter>> visibleLines(Glyphs g) {
    List<List<TextCharacter>> upward = new ArrayList<>(paneRows);
    long newest = log.newestSeq();
    long oldest = log.oldestSeq();
    if (newest < 0 || paneRows == 0) {
      return upward;
    }
    long seq;
    int line;
    if (bottomSeq < 0) {
      seq = newest;
      line = Integer.MAX_VALUE;
    } else {
      seq = Math.max(bottomSeq, oldest);
      line = bottomSeq < oldest ? Integer.MAX_VALUE : bottomLine;
    }
    for (; seq >= oldest && upward.size() < paneRows; seq--, line = Integer.MAX_VALUE) {
      List<List<TextCharacter>> entryLines = lines(seq, g);
      for (int i = Math.min(line, entryLines.size() - 1); i >= 0 && upward.size() < paneRows; i--) {
        upward.add(entryLines.get(i));
      }
    }
    List<List<TextCharacter>> topDown = new ArrayList<>(upward.size());
    for (int i = upward.size() - 1; i >= 0; i--) {
      topDown.add(upward.get(i));
    }
    return topDown; // fewer than the pane holds: the pane fills from the top, newest last
  }

  private List<List<TextCharacter>> lines(long seq, Glyphs g) {
    LogEntry e = log.get(seq);
    return e == null ? List.of(List.of()) : wrap(render(e, g), width, INDENT);
  }

  /** One entry as glyphs: {@code HH:mm:ss name: text}, with its marks. */
  List<TextCharacter> render(LogEntry e, Glyphs g) {
    List<TextCharacter> out = new ArrayList<>(e.text().length() + 32);
    g.append(out, time.format(e.time()) + " ", TIME);
    switch (e.kind()) {
      case CHAT -> {
        g.append(out, e.name(), nameStyle(e.nameHash()));
        g.append(out, ": ", TEXT);
        g.append(out, e.text(), TEXT);
        Outbox.State state = outbox.state(e.messageId());
        if (state == Outbox.State.SENDING) {
          g.append(out, UNCONFIRMED, PENDING);
        } else if (state == Outbox.State.NOT_CONFIRMED) {
          g.append(out, NOT_CONFIRMED, WARNING);
        }
      }
      case FOREIGN -> g.append(out, "? " + e.text(), FOREIGN);
      case NOTICE -> g.append(out, "-- " + e.text(), NOTICE);
      case WARNING -> g.append(out, "!! " + e.text(), WARNING);
    }
    return out;
  }

  private static Style nameStyle(int hash) {
    int i = UsernameColours.indexOfHash(hash, NAMES.length);
    Style s = NAMES[i];
    if (s == null) {
      s = Style.of(UsernameColours.lanterna(hash), SGR.BOLD);
      NAMES[i] = s;
    }
    return s;
  }

  /**
   * Breaks glyphs into lines of at most {@code width} columns, at the last space when there is one
   * in the second half of the line; continuation lines are indented.
   */
  static List<List<TextCharacter>> wrap(List<TextCharacter> glyphs, int width, int indent) {
    List<List<TextCharacter>> lines = new ArrayList<>();
    int n = glyphs.size();
    int i = 0;
    boolean first = true;
    do {
      int pad = first || width - indent < 8 ? 0 : indent;
      int avail = width - pad;
      int used = 0;
      int j = i;
      while (j < n && used + Glyphs.width(glyphs.get(j)) <= avail) {
        used += Glyphs.width(glyphs.get(j));
        j++;
      }
      if (j < n) {
        for (int k = j - 1; k > i + avail / 2; k--) {
          if (" ".equals(glyphs.get(k).getCharacterString())) {
            j = k + 1;
            break;
          }
        }
      }
      if (j == i) {
        j = i + 1; // a wide glyph in a one-column terminal: show it anyway
      }
      List<TextCharacter> line = new ArrayList<>(pad + j - i);
      for (int p = 0; p < pad; p++) {
        line.add(Style.PLAIN.glyph(' '));
      }
      line.addAll(glyphs.subList(i, j));
      lines.add(line);
      i = j;
      first = false;
    } while (i < n);
    return lines;
  }

  private void drawStatus(Canvas canvas, int row) {
    if (row < 0) {
      return;
    }
    ConnectionStatus.State state = status.state();
    StringBuilder left = new StringBuilder(" ").append(state.label());
    if (state != ConnectionStatus.State.CONNECTED && !status.detail().isEmpty()) {
      left.append(" (").append(status.detail()).append(')');
    }
    left.append(" · room ").append(room).append(" · ").append(TerminalText.sanitize(nick))
        .append(" · ").append(backend).append(" · ").append(status.broker());
    Style style = state == ConnectionStatus.State.CONNECTED ? BAR : BAR_ALERT;
    String right;
    if (bottomSeq >= 0) {
      // While scrolled back, saying so matters more than the rest of the line.
      long newer = Math.max(0, log.newestSeq() - bottomSeq);
      right = String.format(Locale.ROOT, " SCROLLED BACK (%,d newer) · PgDn/Esc ", newer);
      if (canvas.glyphs().width(right) > canvas.columns() * 2 / 3) {
        right = String.format(Locale.ROOT, " SCROLLED (%,d newer) ", newer);
      }
    } else {
      right = " PgUp scroll · /help ";
      if (canvas.glyphs().width(right) > canvas.columns() / 2) {
        right = "";
      }
    }
    int rightWidth = Math.min(canvas.columns(), canvas.glyphs().width(right));
    int leftWidth = canvas.columns() - rightWidth;
    canvas.put(0, row, leftWidth, left.toString(), style);
    canvas.put(leftWidth, row, rightWidth, right, style);
  }

  private void drawInput(Canvas canvas, int row) {
    if (row < 0) {
      return;
    }
    Glyphs g = canvas.glyphs();
    List<TextCharacter> prompt = g.of(TerminalText.sanitize(nick) + "> ", PROMPT);
    prompt = Glyphs.fit(prompt, Math.max(1, canvas.columns() / 3), PROMPT);
    int promptWidth = Glyphs.width(prompt);
    String text = input.text();
    List<TextCharacter> before = g.of(text.substring(0, input.cursor()), TEXT);
    List<TextCharacter> after = g.of(text.substring(input.cursor()), TEXT);
    int avail = Math.max(1, canvas.columns() - promptWidth - 1); // one column for the cursor at the end
    // Scroll horizontally so the cursor stays visible.
    int start = 0;
    int beforeWidth = Glyphs.width(before);
    while (beforeWidth > avail && start < before.size()) {
      beforeWidth -= Glyphs.width(before.get(start++));
    }
    List<TextCharacter> shown = new ArrayList<>(before.subList(start, before.size()));
    shown.addAll(after);
    canvas.put(0, row, promptWidth, prompt, PROMPT);
    canvas.put(promptWidth, row, canvas.columns() - promptWidth, shown, TEXT);
    canvas.cursor(new TerminalPosition(Math.min(canvas.columns() - 1, promptWidth + beforeWidth), row));
  }

  // --- scrolling, in lines of the current width ---

  private int lineCount(long seq) {
    return lines(seq, glyphs).size();
  }

  private void scrollUp(int n) {
    long newest = log.newestSeq();
    long oldest = log.oldestSeq();
    if (newest < 0) {
      return;
    }
    long seq = bottomSeq < 0 ? newest : Math.max(bottomSeq, oldest);
    int line = bottomSeq < 0 || bottomSeq < oldest ? lineCount(seq) - 1 : Math.min(bottomLine, lineCount(seq) - 1);
    // Move up n lines, then make sure a full page stays above the bottom line.
    long[] pos = up(seq, line, n, oldest);
    long[] top = up(pos[0], (int) pos[1], paneRows - 1, oldest);
    if (top[2] < paneRows - 1) {
      pos = down(oldest, 0, paneRows - 1, newest);
    }
    if (pos == null || isNewestLine(pos, newest)) {
      bottomSeq = -1;
    } else {
      bottomSeq = pos[0];
      bottomLine = (int) pos[1];
    }
  }

  private void scrollDown(int n) {
    if (bottomSeq < 0) {
      return;
    }
    long newest = log.newestSeq();
    long seq = Math.max(bottomSeq, log.oldestSeq());
    long[] pos = down(seq, Math.min(bottomLine, lineCount(seq) - 1), n, newest);
    if (pos == null || isNewestLine(pos, newest)) {
      bottomSeq = -1;
    } else {
      bottomSeq = pos[0];
      bottomLine = (int) pos[1];
    }
  }

  private boolean isNewestLine(long[] pos, long newest) {
    return pos[0] >= newest && pos[1] >= lineCount(newest) - 1;
  }

  /** Moves up to n lines up; returns {seq, line, moved}. */
  private long[] up(long seq, int line, int n, long oldest) {
    int moved = 0;
    while (moved < n) {
      if (line > 0) {
        int step = Math.min(line, n - moved);
        line -= step;
        moved += step;
      } else if (seq > oldest) {
        seq--;
        line = lineCount(seq) - 1;
        moved++;
      } else {
        break;
      }
    }
    return new long[] {seq, line, moved};
  }

  /** Moves n lines down; returns {seq, line} or {@code null} past the newest line. */
  private long[] down(long seq, int line, int n, long newest) {
    int remaining = n;
    while (remaining > 0) {
      int count = lineCount(seq);
      if (line + remaining < count) {
        return new long[] {seq, line + remaining};
      }
      remaining -= count - line;
      seq++;
      line = 0;
      if (seq > newest) {
        return null;
      }
    }
    return new long[] {seq, line};
  }
}
