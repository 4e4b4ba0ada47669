package dev.lwqueue.archive;

import java.util.List;
import java.util.Locale;

/**
 * Everything that differs between the databases: the tables in each one's own idiom, how a row
 * is inserted once only, and the stats queries. Only SQL text, no driver, so what lwqueue sends to
 * a database it cannot reach here (ClickHouse) is still tested.
 */
public abstract class Dialect {

  /** The table of chat messages: the original exercise's three columns and lwqueue's extras. */
  public static final String MESSAGES = "user_messages";
  /** Bodies that are not chat messages (or that the database could not take), with raw bytes and reason. */
  public static final String UNREADABLE = "unreadable_messages";

  /** Columns of {@link #insertMessages}, in order. */
  static final List<String> MESSAGE_COLUMNS = List.of("id", "username", "message", "received_at", "sent_at", "account");
  /** Columns of {@link #insertUnreadable}, in order. */
  static final List<String> UNREADABLE_COLUMNS = List.of("received_at", "body", "reason");

  /** The dialect a JDBC URL names, or an {@link ArchiveException} of kind {@code BAD_URL}. */
  public static Dialect forUrl(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:duckdb:")) {
      return new DuckDbDialect();
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return new PostgresDialect();
    }
    if (url.startsWith("jdbc:clickhouse:") || url.startsWith("jdbc:ch:")) {
      return new ClickHouseDialect();
    }
    throw new ArchiveException(ArchiveException.Kind.BAD_URL,
        "lwqueue cannot archive into '" + scheme(jdbcUrl) + "': give a DuckDB file path, "
            + "jdbc:postgresql://host/database or jdbc:clickhouse://host:8123/database");
  }

  private static String scheme(String url) {
    int second = url.indexOf(':', url.indexOf(':') + 1);
    return second > 0 ? url.substring(0, second) : url;
  }

  /** A short name for status lines: duckdb, postgresql, clickhouse. */
  public abstract String name();

  /** Statements that create what is missing; run on every start, so each must be idempotent. */
  public abstract List<String> createTables();

  /**
   * Inserts {@code rows} rows of {@link #MESSAGE_COLUMNS} (plus, for ClickHouse, a key first); a
   * row whose id is already stored is skipped, so a message delivered again is stored once.
   */
  public abstract String insertMessages(int rows);

  /** Inserts {@code rows} rows of {@link #UNREADABLE_COLUMNS}. */
  public String insertUnreadable(int rows) {
    return "INSERT INTO " + UNREADABLE + " (" + String.join(", ", UNREADABLE_COLUMNS) + ") VALUES "
        + placeholders(rows, UNREADABLE_COLUMNS.size());
  }

  /** How many rows one insert statement carries; 1 means one row per statement, sent as a JDBC batch. */
  public int rowsPerStatement() {
    return 500;
  }

  /**
   * Whether the database can store this text: PostgreSQL's text cannot hold U+0000. A message that
   * it cannot is stored as an unreadable body instead, raw bytes intact, never dropped.
   */
  public String refuses(String text) {
    return null;
  }

  /**
   * For a database whose driver appends rows much faster than it binds parameters (DuckDB): the
   * statements that create a session's staging table, move its rows into the messages table (once
   * per id), and empty it. {@code null} for the others, which insert with statements.
   */
  public StagingSql staging() {
    return null;
  }

  /** @see #staging() */
  public record StagingSql(String table, String create, String moveIntoMessages, String clear) {}

  /** Whether each message row starts with a de-duplication key (ClickHouse). */
  public boolean keyedRows() {
    return false;
  }

  /** {@code FROM} what the stats read: ClickHouse adds FINAL, so duplicates not yet merged are not counted. */
  protected String source() {
    return MESSAGES;
  }

  /** A text column as ordered in results, byte order on every database, so ties break alike. */
  protected String bytewise(String column) {
    return column;
  }

  /** The start of the hour of a timestamp column. */
  protected abstract String hourOf(String column);

  /** count, distinct senders, first and last received_at. */
  public String summary() {
    return "SELECT count(*), count(DISTINCT username), min(received_at), max(received_at) FROM " + source();
  }

  /** username, count: the most active first, ties by name; one parameter, how many. */
  public String topUsers() {
    return "SELECT username, count(*) AS n FROM " + source() + " GROUP BY username ORDER BY n DESC, "
        + bytewise("username") + " LIMIT ?";
  }

  /** hour, count for every hour since the parameter that has messages, oldest first. */
  public String perHourSince() {
    return "SELECT " + hourOf("received_at") + " AS h, count(*) FROM " + source()
        + " WHERE received_at >= ? GROUP BY h ORDER BY h";
  }

  /** hour, count: the hour with the most messages of all, the earliest on a tie. */
  public String busiestHour() {
    return "SELECT " + hourOf("received_at") + " AS h, count(*) AS n FROM " + source()
        + " GROUP BY h ORDER BY n DESC, h LIMIT 1";
  }

  /** received_at, username, message, id, sent_at: the latest {@code ?} messages, newest first. */
  public String latestMessages() {
    return "SELECT received_at, username, message, id, sent_at FROM " + source() + " ORDER BY received_at DESC, "
        + bytewise("username") + " DESC, " + bytewise("message") + " DESC LIMIT ?";
  }

  /** Unreadable bodies stored so far. */
  public String unreadableCount() {
    return "SELECT count(*) FROM " + UNREADABLE;
  }

  static String placeholders(int rows, int columns) {
    StringBuilder row = new StringBuilder("(");
    for (int c = 0; c < columns; c++) {
      row.append(c == 0 ? "?" : ", ?");
    }
    row.append(')');
    StringBuilder all = new StringBuilder(rows * (row.length() + 2));
    for (int r = 0; r < rows; r++) {
      if (r > 0) {
        all.append(", ");
      }
      all.append(row);
    }
    return all.toString();
  }
}
