package dev.lwqueue.archive;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Message rows into DuckDB through its appender and a staging table ({@link Dialect#staging()}),
 * inside the caller's transaction. The only class that uses DuckDB's own API.
 */
final class DuckDbAppends {

  private final DuckDBConnection connection;
  private final Dialect.StagingSql sql;

  DuckDbAppends(Connection connection, Dialect.StagingSql sql) throws SQLException {
    this.connection = connection.unwrap(DuckDBConnection.class);
    this.sql = sql;
    try (Statement s = connection.createStatement()) {
      s.execute(sql.create());
    }
  }

  /** Returns how many rows were new. */
  long insert(List<Rows.MessageRow> rows) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql.clear());
      try (DuckDBAppender appender = connection.createAppender("temp", "main", sql.table())) {
        for (Rows.MessageRow row : rows) {
          appender.beginRow();
          text(appender, row.id());
          appender.append(row.username());
          appender.append(row.message());
          appender.append(row.receivedAt());
          if (row.sentAt() == null) {
            appender.appendNull();
          } else {
            appender.append(row.sentAt());
          }
          text(appender, row.account());
          appender.endRow();
        }
      }
      long inserted = s.executeUpdate(sql.moveIntoMessages());
      s.execute(sql.clear());
      return inserted;
    }
  }

  private static void text(DuckDBAppender appender, String value) throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else {
      appender.append(value);
    }
  }
}
