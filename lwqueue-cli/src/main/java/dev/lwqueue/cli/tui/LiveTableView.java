package dev.lwqueue.cli.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import dev.lwqueue.cli.tui.model.ConnectionStatus;
import dev.lwqueue.cli.tui.model.LogEntry.Kind;
import dev.lwqueue.cli.tui.model.LogEntry;
import dev.lwqueue.cli.tui.model.MessageLog;
import dev.lwqueue.cli.tui.model.RateMeter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code subscribe --mode rich}: the live table of the original exercise (Username in green,
 * Date / time in magenta, Message in cyan, newest on top) under a header with the broker, the
 * backend, the count and the rate, over a footer with the keys. PageDown scrolls back to older
 * messages and holds the view still while new ones arrive; Home follows the newest again.
 */
public final class LiveTableView implements View {

  public static final String USERNAME = "Username";
  public static final String DATE_TIME = "Date / time";
  public static final String MESSAGE = "Message";
  static final String SEPARATOR = " │ ";

  private static final Style BAR = Style.of(TextColor.ANSI.DEFAULT, SGR.REVERSE);
  private static final Style BAR_ALERT = Style.of(TextColor.ANSI.RED, SGR.REVERSE, SGR.BOLD);
  private static final Style NAME = Style.of(TextColor.ANSI.GREEN);
  private static final Style TIME = Style.of(TextColor.ANSI.MAGENTA);
  private static final Style TEXT = Style.of(TextColor.ANSI.CYAN);
  private static final Style FOREIGN = Style.of(TextColor.ANSI.YELLOW);
  private static final Style HEADING_NAME = NAME.with(SGR.BOLD);
  private static final Style HEADING_TIME = TIME.with(SGR.BOLD);
  private static final Style HEADING_TEXT = TEXT.with(SGR.BOLD);
  private static final Style RULE = Style.PLAIN;

  private final MessageLog log;
  private final ConnectionStatus status;
  private final String backend;
  private final DateTimeFormatter dateTime;
  private final DateTimeFormatter timeOnly;
  private final RateMeter rate = new RateMeter();
  /** Sequence number of the top row when scrolled back; -1 follows the newest. */
  private long topSeq = -1;
  private int pageRows = 1;

  public LiveTableView(MessageLog log, ConnectionStatus status, String backend, ZoneId zone) {
    this.log = log;
    this.status = status;
    this.backend = backend;
    this.dateTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(zone);
    this.timeOnly = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
  }

  @Override
  public long version() {
    return log.version() + status.version();
  }

  @Override
  public boolean onKey(KeyStroke key) {
    if (View.isCtrlC(key)) {
      return false;
    }
    switch (key.getKeyType()) {
      case Escape -> {
        return false;
      }
      case Character -> {
        char c = key.getCharacter();
        if (c == 'q' || c == 'Q') {
          return false;
        }
      }
      case PageDown -> scrollOlder(Math.max(1, pageRows - 1));
      case ArrowDown -> scrollOlder(1);
      case PageUp -> scrollNewer(Math.max(1, pageRows - 1));
      case ArrowUp -> scrollNewer(1);
      case Home -> topSeq = -1;
      case End -> topSeq = Math.min(log.newestSeq(), log.oldestSeq() + pageRows - 1);
      default -> { }
    }
    return true;
  }

  private void scrollOlder(int rows) {
    long top = topSeq < 0 ? log.newestSeq() : topSeq;
    long lowest = Math.min(log.newestSeq(), log.oldestSeq() + pageRows - 1); // keep the page full
    topSeq = Math.max(lowest, top - rows);
  }

  private void scrollNewer(int rows) {
    if (topSeq < 0) {
      return;
    }
    topSeq += rows;
    if (topSeq >= log.newestSeq()) {
      topSeq = -1;
    }
  }

  @Override
  public void draw(Canvas canvas, long nowNanos) {
    int width = canvas.columns();
    int height = canvas.rows();
    canvas.cursor(null);
    Columns columns = Columns.forWidth(width);
    pageRows = Math.max(1, height - 4);

    drawHeader(canvas, nowNanos);
    if (height < 2) {
      return;
    }
    int x = canvas.put(0, 1, columns.name(), USERNAME, HEADING_NAME);
    x = canvas.put(x, 1, columns.separator(), SEPARATOR, RULE);
    x = canvas.put(x, 1, columns.time(), DATE_TIME, HEADING_TIME);
    x = canvas.put(x, 1, columns.separator(), SEPARATOR, RULE);
    canvas.put(x, 1, columns.message(), MESSAGE, HEADING_TEXT);
    canvas.put(0, 2, width, rule(width, columns), RULE);

    int firstRow = 3;
    int lastRow = height - 2; // the footer is the last row
    long from = topSeq < 0 ? log.newestSeq() : Math.max(topSeq, log.oldestSeq());
    List<LogEntry> rows = log.newestFirst(from, Math.max(0, lastRow - firstRow + 1));
    Glyphs glyphs = canvas.glyphs();
    for (int row = firstRow; row <= lastRow; row++) {
      int i = row - firstRow;
      if (i >= rows.size()) {
        canvas.put(0, row, width, List.of(), Style.PLAIN);
        continue;
      }
      LogEntry e = rows.get(i);
      boolean foreign = e.kind() != Kind.CHAT;
      x = canvas.put(0, row, columns.name(), glyphs.of(e.name(), foreign ? FOREIGN : NAME), NAME);
      x = canvas.put(x, row, columns.separator(), SEPARATOR, RULE);
      String when = (columns.time() >= 19 ? dateTime : timeOnly).format(e.time());
      x = canvas.put(x, row, columns.time(), when, TIME);
      x = canvas.put(x, row, columns.separator(), SEPARATOR, RULE);
      canvas.put(x, row, columns.message(), glyphs.of(e.text(), foreign ? FOREIGN : TEXT), foreign ? FOREIGN : TEXT);
    }
    if (height >= 4) {
      drawFooter(canvas, from, rows.size());
    }
  }

  private void drawHeader(Canvas canvas, long nowNanos) {
    long received = log.received();
    String rateText = RateMeter.format(rate.sample(nowNanos, received));
    ConnectionStatus.State state = status.state();
    StringBuilder header = new StringBuilder(" lwqueue");
    if (state != ConnectionStatus.State.CONNECTED) {
      header.append(" · ").append(state.label());
      if (!status.detail().isEmpty()) {
        header.append(' ').append(status.detail());
      }
    }
    // Count and rate first: they are what changes, and what a narrow terminal must still show.
    header.append(" · ").append(String.format(Locale.ROOT, "%,d", received)).append(" received")
        .append(" · ").append(rateText)
        .append(" · ").append(backend)
        .append(" · ").append(status.broker());
    canvas.put(0, 0, canvas.columns(), header.toString(),
        state == ConnectionStatus.State.CONNECTED ? BAR : BAR_ALERT);
  }

  private void drawFooter(Canvas canvas, long from, int shown) {
    String keys = " q/Esc/Ctrl-C quit · PgUp/PgDn scroll · Home newest ";
    String scrolled = topSeq < 0 ? "" : "SCROLLED · ";
    String where;
    String shortWhere;
    if (shown == 0) {
      where = "waiting for messages ";
      shortWhere = where;
    } else {
      long newest = log.newestSeq();
      long first = newest - from + 1;
      long last = newest - from + shown;
      where = String.format(Locale.ROOT, "%s%,d-%,d of %,d kept (limit %,d) ", scrolled, first, last, log.size(), log.capacity());
      shortWhere = String.format(Locale.ROOT, "%s%,d-%,d/%,d ", scrolled, first, last, log.size());
    }
    // The widest variant that fits: the position matters more than the full key list.
    String[][] variants = {{keys, where}, {keys, shortWhere}, {" q quit · PgUp/PgDn ", shortWhere}, {"", shortWhere}};
    int row = canvas.rows() - 1;
    for (String[] v : variants) {
      int keysWidth = canvas.glyphs().width(v[0]);
      int whereWidth = canvas.glyphs().width(v[1]);
      if (keysWidth + whereWidth <= canvas.columns()) {
        int leftWidth = canvas.columns() - whereWidth;
        canvas.put(0, row, leftWidth, v[0], BAR);
        canvas.put(leftWidth, row, whereWidth, v[1], BAR);
        return;
      }
    }
    canvas.put(0, row, canvas.columns(), shortWhere, BAR);
  }

  private List<TextCharacter> rule(int width, Columns columns) {
    List<TextCharacter> out = new ArrayList<>(width);
    for (int x = 0; x < width; x++) {
      boolean cross = x == columns.name() + 1 || x == columns.name() + columns.separator() + columns.time() + 1;
      out.add(RULE.glyph(cross ? "┼" : "─"));
    }
    return out;
  }

  /** Column widths for a terminal width: the name and time columns fixed, the message takes the rest. */
  record Columns(int name, int separator, int time, int message) {
    static Columns forWidth(int width) {
      int name = Math.max(8, Math.min(20, width / 6));
      int time = width >= 60 ? 19 : 8;
      int separator = SEPARATOR.length();
      return new Columns(name, separator, time, Math.max(0, width - name - time - 2 * separator));
    }
  }
}
