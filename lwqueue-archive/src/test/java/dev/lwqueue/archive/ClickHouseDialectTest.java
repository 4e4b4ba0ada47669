package dev.lwqueue.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * No ClickHouse server runs here: these check the SQL lwqueue sends it, and that its driver loads
 * and fails with lwqueue's one-line error against a closed port.
 */
class ClickHouseDialectTest {

  private final Dialect dialect = Dialect.forUrl("jdbc:clickhouse://localhost:8123/default");

  @Test
  void createsAReplacingMergeTreeKeyedSoARepeatedIdIsMergedAway() {
    assertThat(dialect.name()).isEqualTo("clickhouse");
    assertThat(dialect.createTables()).containsExactly(
        "CREATE TABLE IF NOT EXISTS user_messages (row_key String, id Nullable(String), username String, "
            + "message String, received_at DateTime64(3, 'UTC'), sent_at Nullable(DateTime64(3, 'UTC')), "
            + "account Nullable(String)) ENGINE = ReplacingMergeTree ORDER BY row_key",
        "CREATE TABLE IF NOT EXISTS unreadable_messages (received_at DateTime64(3, 'UTC'), body String, "
            + "reason String) ENGINE = MergeTree ORDER BY received_at");
  }

  @Test
  void insertsOneRowPerBatchEntryWithTheKeyFirst() {
    assertThat(dialect.rowsPerStatement()).isEqualTo(1);
    assertThat(dialect.keyedRows()).isTrue();
    assertThat(dialect.insertMessages(1)).isEqualTo(
        "INSERT INTO user_messages (row_key, id, username, message, received_at, sent_at, account) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)");
    assertThat(dialect.insertUnreadable(1))
        .isEqualTo("INSERT INTO unreadable_messages (received_at, body, reason) VALUES (?, ?, ?)");
  }

  @Test
  void statsReadFinalSoCopiesNotYetMergedCountOnce() {
    assertThat(dialect.summary()).isEqualTo(
        "SELECT count(*), count(DISTINCT username), min(received_at), max(received_at) FROM user_messages FINAL");
    assertThat(dialect.topUsers()).isEqualTo(
        "SELECT username, count(*) AS n FROM user_messages FINAL GROUP BY username ORDER BY n DESC, username LIMIT ?");
    assertThat(dialect.perHourSince()).isEqualTo(
        "SELECT toStartOfHour(received_at) AS h, count(*) FROM user_messages FINAL WHERE received_at >= ? "
            + "GROUP BY h ORDER BY h");
    assertThat(dialect.busiestHour()).isEqualTo(
        "SELECT toStartOfHour(received_at) AS h, count(*) AS n FROM user_messages FINAL GROUP BY h "
            + "ORDER BY n DESC, h LIMIT 1");
    assertThat(dialect.latestMessages()).isEqualTo(
        "SELECT received_at, username, message, id, sent_at FROM user_messages FINAL "
            + "ORDER BY received_at DESC, username DESC, message DESC LIMIT ?");
    assertThat(dialect.unreadableCount()).isEqualTo("SELECT count(*) FROM unreadable_messages");
  }

  @Test
  void otherDatabasesAreRefusedByName() {
    assertThatThrownBy(() -> Dialect.forUrl("jdbc:mysql://localhost/chat"))
        .isInstanceOf(ArchiveException.class)
        .hasMessageContaining("'jdbc:mysql'")
        .extracting(e -> ((ArchiveException) e).kind()).isEqualTo(ArchiveException.Kind.BAD_URL);
  }

  @Test
  void theDriverLoadsAndAClosedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Database database = Database.of("jdbc:clickhouse://127.0.0.1:" + port + "/default", "rmq", "secret".toCharArray());
    assertThatThrownBy(database::connect)
        .isInstanceOf(ArchiveException.class)
        .satisfies(e -> {
          assertThat(((ArchiveException) e).kind()).isEqualTo(ArchiveException.Kind.UNREACHABLE);
          assertThat(e.getMessage()).startsWith("cannot ").contains("jdbc:clickhouse://127.0.0.1:" + port + "/default: ")
              .containsIgnoringCase("connection refused")
              .doesNotContain("\n").doesNotContain("secret");
        });
  }
}
