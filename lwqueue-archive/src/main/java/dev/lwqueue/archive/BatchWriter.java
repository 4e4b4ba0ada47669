package dev.lwqueue.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one batch of rows in one transaction, with as few statements as the dialect allows
 * (multi-row inserts; a JDBC batch on ClickHouse). Statements are prepared once per shape and kept
 * as long as the connection lives.
 */
final class BatchWriter implements AutoCloseable {

  private final Connection connection;
  private final Dialect dialect;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final DuckDbAppends appends;

  BatchWriter(Connection connection, Dialect dialect) throws SQLException {
    this.connection = connection;
    this.dialect = dialect;
    this.appends = dialect.staging() == null ? null : new DuckDbAppends(connection, dialect.staging());
    connection.setAutoCommit(false);
  }

  Connection connection() {
    return connection;
  }

  /** Commits the rows; returns how many messages were new (not already stored under their id). */
  long write(Rows rows) throws SQLException {
    try {
      long inserted = insertMessages(rows.messages);
      insertUnreadable(rows.unreadable);
      connection.commit();
      return inserted;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      throw e;
    }
  }

  private long insertMessages(List<Rows.MessageRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return 0;
    }
    if (appends != null) {
      return appends.insert(rows);
    }
    long inserted = 0;
    int per = dialect.rowsPerStatement();
    if (per == 1) {
      PreparedStatement ps = statement(dialect.insertMessages(1));
      for (Rows.MessageRow row : rows) {
        bind(ps, 1, row);
        ps.addBatch();
      }
      for (int n : ps.executeBatch()) {
        inserted += Math.max(n, 0);
      }
      return inserted;
    }
    for (int from = 0; from < rows.size(); from += per) {
      int end = Math.min(rows.size(), from + per);
      // A full chunk's statement is kept; the shorter last one of a batch is prepared each time.
      boolean full = end - from == per;
      PreparedStatement ps = full ? statement(dialect.insertMessages(per))
          : connection.prepareStatement(dialect.insertMessages(end - from));
      try {
        int index = 1;
        for (int r = from; r < end; r++) {
          index = bind(ps, index, rows.get(r));
        }
        inserted += ps.executeUpdate();
      } finally {
        if (!full) {
          ps.close();
        }
      }
    }
    return inserted;
  }

  private int bind(PreparedStatement ps, int index, Rows.MessageRow row) throws SQLException {
    if (dialect.keyedRows()) {
      ps.setString(index++, row.key());
    }
    ps.setString(index++, row.id());
    ps.setString(index++, row.username());
    ps.setString(index++, row.message());
    ps.setObject(index++, row.receivedAt());
    ps.setObject(index++, row.sentAt());
    ps.setString(index++, row.account());
    return index;
  }

  private void insertUnreadable(List<Rows.UnreadableRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    // Rare: one statement per row keeps the shapes few.
    PreparedStatement ps = statement(dialect.insertUnreadable(1));
    for (Rows.UnreadableRow row : rows) {
      ps.setObject(1, row.receivedAt());
      ps.setBytes(2, row.body());
      ps.setString(3, row.reason());
      ps.addBatch();
    }
    ps.executeBatch();
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      // the connection is probably gone, which rolls back by itself
    }
  }

  /** Whether the connection still answers: tells an outage from a row the database refuses. */
  boolean alive() {
    try {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException | RuntimeException e) {
        // closing the connection closes it too
      }
    }
    statements.clear();
    Database.closeQuietly(connection);
  }
}
