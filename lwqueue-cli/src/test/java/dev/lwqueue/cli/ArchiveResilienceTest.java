package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.lwqueue.archive.PostgresCluster;
import dev.lwqueue.archive.TestPostgres;
import dev.lwqueue.rabbitmq.TestBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The archiver where things go wrong: killed with SIGKILL in the middle of a flood and started
 * again, and its database (a PostgreSQL cluster of the test's own) stopped and started under it.
 * Either way every message is stored exactly once and the queue ends empty.
 */
class ArchiveResilienceTest {

  private final String exchange = "lwq-arch-" + UUID.randomUUID().toString().substring(0, 8);
  private final String queue = exchange + "-q";

  @TempDir Path dir;

  @AfterEach
  void cleanUp() {
    TestBroker.deleteQueue(queue);
    TestBroker.deleteExchange(exchange);
  }

  @ParameterizedTest
  @ValueSource(strings = {"duckdb", "postgresql"})
  void killedMidBatchAndRestartedLosesAndDoublesNothing(String kind) throws Exception {
    int total = 30_000;
    try (TestPostgres postgres = new TestPostgres()) {
      String db = kind.equals("duckdb") ? dir.resolve("kill.duckdb").toString() : postgres.url();
      String jdbc = kind.equals("duckdb") ? "jdbc:duckdb:" + db : db;

      ArchiverProcess first = new ArchiverProcess(db, dir.resolve("first.log"));
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < total; i++) {
        lines.append("flood ").append(i).append('\n');
      }
      AtomicReference<CliRun> flood = new AtomicReference<>();
      Thread sender = new Thread(() -> flood.set(CliRun.runWithInput(lines.toString(), "send-message", "--stdin",
          "--username", "flood", "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange)));
      sender.start();
      await("some stored before the kill").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
          .until(() -> first.archived() > 0);
      first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no last flush
      assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      long atKill = first.archived();
      sender.join(120_000);
      assertThat(flood.get().exitCode()).as(flood.get().err()).isZero();
      assertThat(atKill).as("killed before the end of the flood").isLessThan(total);

      ArchiverProcess second = new ArchiverProcess(db, dir.resolve("second.log"));
      await("the queue drained").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .until(() -> readyInQueue() == 0 && second.archived() > 0 && second.settled());
      second.stop();

      assertThat(readyInQueue()).isZero();
      try (java.sql.Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id), count(DISTINCT message) FROM user_messages")) {
        rs.next();
        assertThat(rs.getLong(1)).as("rows").isEqualTo(total);
        assertThat(rs.getLong(2)).as("distinct ids").isEqualTo(total);
        assertThat(rs.getLong(3)).as("distinct texts").isEqualTo(total);
      }
    }
  }

  @Test
  void theDatabaseStoppedAndStartedUnderTheArchiverLosesNothing() throws Exception {
    try (PostgresCluster cluster = new PostgresCluster()) {
      CliRun archive = CliRun.launch(Map.of(), "archive", "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange,
          "--queue", queue, "--db", cluster.url(), "--progress-every", "1s");
      archive.awaitErr("the archiver's start", err -> err.contains("archiving "), Duration.ofSeconds(60));
      send("before", 20);
      ArchiveCliContract.awaitArchived(archive, 20);

      cluster.stop();
      send("during", 30);
      archive.awaitErr("the outage noticed", err -> err.contains("database unreachable"), Duration.ofSeconds(60));
      Thread.sleep(3000);
      assertThat(readyInQueue()).as("messages wait in the queue").isGreaterThan(0);
      cluster.start();
      archive.awaitErr("the database back", err -> err.contains("database back after"), Duration.ofSeconds(60));
      ArchiveCliContract.awaitArchived(archive, 50);
      assertThat(archive.stop()).as(archive.err()).isZero();

      assertThat(readyInQueue()).isZero();
      try (java.sql.Connection c = DriverManager.getConnection(cluster.url()); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM user_messages")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(50);
        assertThat(rs.getLong(2)).isEqualTo(50);
      }
    }
  }

  private void send(String user, int count) {
    CliRun send = CliRun.runWithInput((user + "\n").repeat(count), "send-message", "--stdin", "--username", user,
        "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange);
    assertThat(send.exitCode()).as(send.err()).isZero();
  }

  private long readyInQueue() throws Exception {
    try (Connection c = TestBroker.rawConnection(); Channel ch = c.createChannel()) {
      return ch.queueDeclarePassive(queue).getMessageCount();
    }
  }

  /** {@code lwqueue archive} as a process of its own, with its stderr collected. */
  private final class ArchiverProcess {
    final Process process;
    private final StringBuffer err = new StringBuffer();
    private long lastCount = -1;
    private long sameSince;

    ArchiverProcess(String db, Path log) throws Exception {
      process = LwqueueProcess.start(log, "archive", "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange,
          "--queue", queue, "--db", db, "--progress-every", "1s");
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            err.append(line).append('\n');
          }
        } catch (java.io.IOException e) {
          // the process is gone
        }
      });
      reader.setDaemon(true);
      reader.start();
      await("archiving").atMost(Duration.ofSeconds(60)).until(() -> err.toString().contains("archiving ") || !process.isAlive());
      assertThat(err.toString()).contains("archiving ");
    }

    long archived() {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("stored ([\\d,]+) messages").matcher(err);
      long last = -1;
      while (m.find()) {
        last = Long.parseLong(m.group(1).replace(",", ""));
      }
      return last;
    }

    /** Whether the count has not moved for three seconds. */
    boolean settled() {
      long now = archived();
      if (now != lastCount) {
        lastCount = now;
        sameSince = System.nanoTime();
        return false;
      }
      return System.nanoTime() - sameSince > TimeUnit.SECONDS.toNanos(3);
    }

    void stop() throws Exception {
      LwqueueProcess.interrupt(process);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(err.toString()).isZero();
    }
  }
}
