package dev.lwqueue.archive;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A database of a test's own on the machine's PostgreSQL (127.0.0.1:5432, trust auth), dropped after. */
public final class TestPostgres implements AutoCloseable {

  public static final String SERVER = System.getenv().getOrDefault("LWQUEUE_TEST_POSTGRES", "127.0.0.1:5432");

  private final String name = "lwq_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  public TestPostgres() {
    admin("CREATE DATABASE " + name);
  }

  public String url() {
    return "jdbc:postgresql://" + SERVER + "/" + name + "?user=postgres";
  }

  private static void admin(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres?user=postgres");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
