package dev.lwqueue.archive;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Message rows into DuckDB through its appender and a staging table ({@link Dialect#staging()}),
 * inside the caller's transaction. The only class that uses DuckDB's own API.
 *
 * <p>Through reflection, on the classes of the connection's own driver: in lwqueue.jar the driver
 * comes from a class loader of its own ({@link DriverLoader}), which the archive's classes cannot
 * link against by name. Seven calls a row cost nothing next to the row's own work.
 */
final class DuckDbAppends {

  private final Connection connection;
  private final Object duckDb;
  private final Dialect.StagingSql sql;
  private final Method createAppender;

  DuckDbAppends(Connection connection, Dialect.StagingSql sql) throws SQLException {
    this.connection = connection;
    this.sql = sql;
    try {
      // DuckDB's connection class as the loader that defined this connection sees it
      Class<?> type = Class.forName("org.duckdb.DuckDBConnection", false, connection.getClass().getClassLoader());
      this.duckDb = connection.unwrap(type);
      this.createAppender = type.getMethod("createAppender", String.class, String.class, String.class);
    } catch (ReflectiveOperationException e) {
      throw new SQLException("not a DuckDB connection: " + e, e);
    }
    try (Statement s = connection.createStatement()) {
      s.execute(sql.create());
    }
  }

  /** Returns how many rows were new. */
  long insert(List<Rows.MessageRow> rows) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql.clear());
      try (Appender appender = new Appender(call(createAppender, duckDb, "temp", "main", sql.table()))) {
        for (Rows.MessageRow row : rows) {
          appender.row(row);
        }
      }
      long inserted = s.executeUpdate(sql.moveIntoMessages());
      s.execute(sql.clear());
      return inserted;
    }
  }

  /** DuckDB's appender (org.duckdb.DuckDBAppender), its methods found once per batch. */
  private static final class Appender implements AutoCloseable {
    private final Object target;
    private final Method beginRow;
    private final Method endRow;
    private final Method appendNull;
    private final Method appendText;
    private final Method appendTime;
    private final Method close;

    Appender(Object target) throws SQLException {
      this.target = target;
      Class<?> type = target.getClass();
      try {
        beginRow = type.getMethod("beginRow");
        endRow = type.getMethod("endRow");
        appendNull = type.getMethod("appendNull");
        appendText = type.getMethod("append", String.class);
        appendTime = type.getMethod("append", LocalDateTime.class);
        close = type.getMethod("close");
      } catch (NoSuchMethodException e) {
        throw new SQLException("DuckDB's appender lacks " + e.getMessage(), e);
      }
    }

    void row(Rows.MessageRow row) throws SQLException {
      call(beginRow, target);
      value(appendText, row.id());
      call(appendText, target, row.username());
      call(appendText, target, row.message());
      call(appendTime, target, row.receivedAt());
      value(appendTime, row.sentAt());
      value(appendText, row.account());
      call(endRow, target);
    }

    private void value(Method append, Object value) throws SQLException {
      if (value == null) {
        call(appendNull, target);
      } else {
        call(append, target, value);
      }
    }

    @Override
    public void close() throws SQLException {
      call(close, target);
    }
  }

  private static Object call(Method method, Object target, Object... args) throws SQLException {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new SQLException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new SQLException(e);
    }
  }
}
