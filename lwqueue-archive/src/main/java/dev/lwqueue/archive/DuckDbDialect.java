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

  @Override
  protected String hourOf(String column) {
    return "date_trunc('hour', " + column + ")";
  }
}
