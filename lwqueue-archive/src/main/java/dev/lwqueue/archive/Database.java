package dev.lwqueue.archive;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Where the archive lives: a DuckDB file, or a JDBC URL of PostgreSQL or ClickHouse, with the
 * credentials kept out of the URL and the command line. Opens connections and turns what the
 * drivers throw into one-line {@link ArchiveException}s.
 *
 * <p>The drivers are found ({@link DriverLoader}) on the first connection, so only the commands
 * that open a database load them.
 */
public final class Database {

  /** How long a connection attempt may take before the database counts as unreachable. */
  private static final int LOGIN_TIMEOUT_SECONDS = 5;

  private final String url;
  private final String user;
  private final char[] password;
  private final Dialect dialect;

  private Database(String url, String user, char[] password) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.dialect = Dialect.forUrl(url);
  }

  /**
   * A JDBC URL as it is, anything else as the path of a DuckDB file.
   *
   * @param user {@code null} for what the URL or the driver's own defaults say
   * @param password {@code null} likewise
   */
  public static Database of(String urlOrPath, String user, char[] password) {
    String url = urlOrPath.regionMatches(true, 0, "jdbc:", 0, 5)
        ? urlOrPath
        : "jdbc:duckdb:" + Path.of(urlOrPath).toAbsolutePath();
    return new Database(url, user, password);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The URL without anything after '?', where a password could hide. */
  public String describe() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** A new connection with the tables in place, in auto-commit mode. */
  public Connection connect() {
    Connection connection = open();
    try (Statement statement = connection.createStatement()) {
      for (String ddl : dialect.createTables()) {
        statement.execute(ddl);
      }
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw classify(e, "cannot create the archive tables in " + describe());
    }
  }

  private Connection open() {
    Driver driver;
    try {
      driver = DriverLoader.driverFor(url);
    } catch (SQLException e) {
      throw classify(e, "cannot open " + describe());
    }
    if (driver == null) {
      throw new ArchiveException(ArchiveException.Kind.BAD_URL,
          "no database driver takes '" + describe() + "'; lwqueue ships DuckDB, PostgreSQL and ClickHouse");
    }
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", new String(password));
    }
    // The drivers read their connect timeout from here; connect() directly, since DriverManager
    // refuses a driver that the caller's class loader cannot see (DriverLoader's).
    DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
    try {
      Connection connection = driver.connect(url, properties);
      if (connection == null) {
        throw new SQLException("the driver declined " + describe(), "08001");
      }
      return connection;
    } catch (SQLException e) {
      throw classify(e, "cannot open " + describe());
    }
  }

  /**
   * What an exception of a driver means for the user. By SQLSTATE where the driver sets one (class
   * 08 connection, 28 authorisation), else by the cause (a refused socket), never by message text.
   */
  public static ArchiveException classify(SQLException e, String doing) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    Throwable network = networkCause(e);
    // Some drivers (ClickHouse) only say the request failed; the socket's own error says why.
    String detail = doing + ": " + oneLine(e)
        + (network != null && network != e ? " (" + oneLine(network) + ")" : "");
    if (state.startsWith("28")) {
      return new ArchiveException(ArchiveException.Kind.LOGIN_REFUSED, detail, e);
    }
    if (state.startsWith("08") || network != null) {
      return new ArchiveException(ArchiveException.Kind.UNREACHABLE, detail, e);
    }
    return new ArchiveException(ArchiveException.Kind.DATABASE_ERROR, detail, e);
  }

  private static Throwable networkCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
        return t;
      }
    }
    return null;
  }

  /** The first line of the driver's message: some put a whole stack or a hint on the next lines. */
  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline).strip();
  }

  static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      // it is being replaced because it failed; nothing more to learn from it
    }
  }
}
