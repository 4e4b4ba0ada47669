package dev.lwqueue.archive;

import java.util.List;

/**
 * ClickHouse, the exercise's own database. It has no unique constraints: the table is a
 * ReplacingMergeTree keyed by the message id (a fresh random key for a message without one, so
 * those are never merged away), and the stats read it with FINAL, so a message delivered twice
 * counts once even before the background merge removed the copy. The rows go as one JDBC batch,
 * which the driver sends as a single insert.
 */
final class ClickHouseDialect extends Dialect {

  @Override
  public String name() {
    return "clickhouse";
  }

  @Override
  public List<String> createTables() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + MESSAGES + " (row_key String, id Nullable(String), username String, "
            + "message String, received_at DateTime64(3, 'UTC'), sent_at Nullable(DateTime64(3, 'UTC')), "
            + "account Nullable(String)) ENGINE = ReplacingMergeTree ORDER BY row_key",
        "CREATE TABLE IF NOT EXISTS " + UNREADABLE + " (received_at DateTime64(3, 'UTC'), body String, "
            + "reason String) ENGINE = MergeTree ORDER BY received_at");
  }

  @Override
  public String insertMessages(int rows) {
    return "INSERT INTO " + MESSAGES + " (row_key, " + String.join(", ", MESSAGE_COLUMNS) + ") VALUES "
        + placeholders(rows, MESSAGE_COLUMNS.size() + 1);
  }

  @Override
  public int rowsPerStatement() {
    return 1;
  }

  @Override
  public boolean keyedRows() {
    return true;
  }

  @Override
  protected String source() {
    return MESSAGES + " FINAL";
  }

  @Override
  protected String hourOf(String column) {
    return "toStartOfHour(" + column + ")";
  }
}
