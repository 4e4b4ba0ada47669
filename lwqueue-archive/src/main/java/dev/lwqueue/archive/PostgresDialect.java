package dev.lwqueue.archive;

import java.util.List;

/** PostgreSQL: a unique id column and ON CONFLICT DO NOTHING; an index for the time queries. */
final class PostgresDialect extends Dialect {

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public List<String> createTables() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + MESSAGES + " (id text UNIQUE, username text NOT NULL, "
            + "message text NOT NULL, received_at timestamp(3) NOT NULL, sent_at timestamp(3), account text)",
        "CREATE INDEX IF NOT EXISTS " + MESSAGES + "_received_at ON " + MESSAGES + " (received_at)",
        "CREATE TABLE IF NOT EXISTS " + UNREADABLE + " (received_at timestamp(3) NOT NULL, body bytea NOT NULL, "
            + "reason text NOT NULL)");
  }

  @Override
  public String insertMessages(int rows) {
    return "INSERT INTO " + MESSAGES + " (" + String.join(", ", MESSAGE_COLUMNS) + ") VALUES "
        + placeholders(rows, MESSAGE_COLUMNS.size()) + " ON CONFLICT (id) DO NOTHING";
  }

  @Override
  public String refuses(String text) {
    return text.indexOf('\0') >= 0 ? "contains U+0000, which PostgreSQL text cannot hold" : null;
  }

  /** The database's collation may ignore case or punctuation; "C" orders by bytes like the others. */
  @Override
  protected String bytewise(String column) {
    return column + " COLLATE \"C\"";
  }

  @Override
  protected String hourOf(String column) {
    return "date_trunc('hour', " + column + ")";
  }
}
