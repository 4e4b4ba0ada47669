package dev.lwqueue.archive;

import java.util.List;

/** DuckDB: embedded and columnar; a unique id column makes a repeated message a no-op. */
final class DuckDbDialect extends Dialect {

  @Override
  public String name() {
    return "duckdb";
  }

  @Override
  public List<String> createTables() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + MESSAGES + " (id VARCHAR UNIQUE, username VARCHAR NOT NULL, "
            + "message VARCHAR NOT NULL, received_at TIMESTAMP NOT NULL, sent_at TIMESTAMP, account VARCHAR)",
        "CREATE TABLE IF NOT EXISTS " + UNREADABLE + " (received_at TIMESTAMP NOT NULL, body BLOB NOT NULL, "
            + "reason VARCHAR NOT NULL)");
  }

  @Override
  public String insertMessages(int rows) {
    return "INSERT INTO " + MESSAGES + " (" + String.join(", ", MESSAGE_COLUMNS) + ") VALUES "
        + placeholders(rows, MESSAGE_COLUMNS.size()) + " ON CONFLICT (id) DO NOTHING";
  }

  /**
   * DuckDB binds a prepared statement's parameters slowly (about 1,500 rows/s with 500-row
   * inserts, measured), while its appender takes tens of thousands a second. The appender cannot
   * skip a repeated id, so rows go into a temporary table first and move on with one statement.
   */
  @Override
  public StagingSql staging() {
    String table = "lwqueue_staging";
    return new StagingSql(table,
        "CREATE TEMP TABLE IF NOT EXISTS " + table + " (id VARCHAR, username VARCHAR, message VARCHAR, "
            + "received_at TIMESTAMP, sent_at TIMESTAMP, account VARCHAR)",
        "INSERT INTO " + MESSAGES + " (" + String.join(", ", MESSAGE_COLUMNS) + ") SELECT "
            + String.join(", ", MESSAGE_COLUMNS) + " FROM " + table + " ON CONFLICT (id) DO NOTHING",
        "DELETE FROM " + table);
  }

  @Override
  protected String hourOf(String column) {
    return "date_trunc('hour', " + column + ")";
  }
}
