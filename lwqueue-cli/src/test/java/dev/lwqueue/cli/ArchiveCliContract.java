package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.rabbitmq.TestBroker;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code lwqueue archive} then {@code lwqueue stats} on the local RabbitMQ, for each database: the
 * answers are checked against what the test sent.
 */
abstract class ArchiveCliContract {

  private static final Pattern PROGRESS = Pattern.compile("stored ([\\d,]+) messages, ([\\d,]+) unreadable");

  final String exchange = "lwq-arch-" + UUID.randomUUID().toString().substring(0, 8);
  final String queue = exchange + "-q";

  /** --db for this test: a fresh database. */
  abstract String db();

  /** A JDBC URL to read the archive directly, once no archiver holds it. */
  abstract String jdbcUrl();

  @AfterEach
  void cleanUpBroker() {
    TestBroker.deleteQueue(queue);
    TestBroker.deleteExchange(exchange);
  }

  CliRun startArchive() {
    CliRun run = CliRun.launch(java.util.Map.of(), "archive", "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange,
        "--queue", queue, "--db", db(), "--progress-every", "1s");
    run.awaitErr("the archiver's start", err -> err.contains("archiving ") || err.contains("error") || err.contains("Try "), Duration.ofSeconds(60));
    assertThat(run.err()).contains("archiving ");
    return run;
  }

  static long archived(CliRun run) {
    Matcher m = PROGRESS.matcher(run.err());
    long last = -1;
    while (m.find()) {
      last = Long.parseLong(m.group(1).replace(",", "")) + Long.parseLong(m.group(2).replace(",", ""));
    }
    return last;
  }

  static void awaitArchived(CliRun run, long count) {
    run.awaitErr(count + " archived", err -> archived(run) >= count, Duration.ofSeconds(60));
  }

  void sendAs(String user, int count) {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < count; i++) {
      lines.append(user).append(" says ").append(i).append('\n');
    }
    CliRun send = CliRun.runWithInput(lines.toString(), "send-message", "--stdin", "--username", user,
        "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange);
    assertThat(send.exitCode()).as(send.err()).isZero();
  }

  @Test
  void archivesEverythingAndStatsAnswersTheQuestions() throws Exception {
    CliRun archive = startArchive();
    sendAs("alice", 30);
    sendAs("bob", 20);
    sendAs("carol", 20);
    sendAs("erin", 5);
    sendAs("dave", 5);
    sendAs("frank", 1);
    Process pika = PikaInteropTest.python("send.py", PikaInteropTest.pikaUrl(), exchange, "pika-user", "hi from pika 😀");
    assertThat(pika.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(pika.exitValue()).isZero();
    List<byte[]> hostile = List.of(new byte[] {(byte) 0xc3, 0x28, 0, (byte) 0xff},
        "\u001b]0;owned\u0007 not json".getBytes(StandardCharsets.UTF_8),
        "{\"username\": [], \"message\": \"x\"}".getBytes(StandardCharsets.UTF_8));
    try (Connection c = TestBroker.rawConnection(); Channel ch = c.createChannel()) {
      for (byte[] body : hostile) {
        ch.basicPublish(exchange, "", null, body);
      }
    }
    awaitArchived(archive, 82 + 3);
    // The progress line tells whether the archiver keeps up: RabbitMQ counts what waits in the queue.
    archive.awaitErr("the queue's count", err -> err.matches("(?s).*stored [\\d,]+ messages.*[\\d,]+ waiting in the queue.*"),
        Duration.ofSeconds(30));
    assertThat(archive.stop()).as(archive.err()).isZero();

    CliRun stats = CliRun.run("stats", "--db", db(), "--json", "--messages");
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    JsonNode json = ChatCodec.mapper().readTree(stats.out());
    assertThat(json.get("messages").asLong()).isEqualTo(82);
    assertThat(json.get("distinct_senders").asLong()).isEqualTo(7);
    assertThat(json.get("unreadable").asLong()).isEqualTo(3);
    List<String> top = new ArrayList<>();
    json.get("top_users").forEach(u -> top.add(u.get("username").asText() + "=" + u.get("messages").asLong()));
    assertThat(top).containsExactly("alice=30", "bob=20", "carol=20", "dave=5", "erin=5");
    assertThat(json.get("list")).hasSize(82);
    List<String> fromPika = new ArrayList<>();
    json.get("list").forEach(m -> {
      if (m.get("username").asText().equals("pika-user")) {
        fromPika.add(m.get("message").asText());
      }
    });
    assertThat(fromPika).containsExactly("hi from pika 😀");

    // The average gap, computed here from the stored times.
    List<Long> times = new ArrayList<>();
    List<byte[]> bodies = new ArrayList<>();
    java.util.Map<String, String> accounts = new java.util.TreeMap<>();
    try (java.sql.Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT received_at FROM user_messages ORDER BY received_at")) {
        while (rs.next()) {
          times.add(rs.getObject(1, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC).toEpochMilli());
        }
      }
      // The broker-validated sender: lwqueue's publishes carry user_id (the URL's user), pika's none.
      try (ResultSet rs = s.executeQuery("SELECT username, account FROM user_messages")) {
        while (rs.next()) {
          accounts.put(rs.getString(1), String.valueOf(rs.getString(2)));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT body FROM unreadable_messages")) {
        while (rs.next()) {
          bodies.add(rs.getBytes(1));
        }
      }
    }
    double sum = 0;
    for (int i = 1; i < times.size(); i++) {
      sum += (times.get(i) - times.get(i - 1)) / 1000.0;
    }
    assertThat(json.get("average_gap_seconds").asDouble())
        .isCloseTo(sum / (times.size() - 1), org.assertj.core.data.Offset.offset(1e-6));
    String account = java.net.URI.create(TestBroker.amqpUri()).getUserInfo().split(":")[0];
    assertThat(accounts).containsEntry("alice", account).containsEntry("frank", account).containsEntry("pika-user", "null");
    assertThat(bodies).usingElementComparator(java.util.Arrays::compare).containsExactlyInAnyOrderElementsOf(hostile);

    CliRun text = CliRun.run("stats", "--db", db());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("Messages:          82 from 7 senders (and 3 unreadable bodies kept apart)")
        .contains("  1. alice 30").contains("  5. erin  5").contains("█");
  }

  @Test
  void catchesUpWithWhatWasSentWhileItWasStopped() throws Exception {
    CliRun first = startArchive();
    sendAs("alice", 5);
    awaitArchived(first, 5);
    assertThat(first.stop()).isZero();

    sendAs("zed", 40);

    CliRun second = startArchive();
    awaitArchived(second, 40);
    assertThat(second.stop()).isZero();
    CliRun stats = CliRun.run("stats", "--db", db(), "--json");
    JsonNode json = ChatCodec.mapper().readTree(stats.out());
    assertThat(json.get("messages").asLong()).isEqualTo(45);
    assertThat(json.get("top_users").get(0).get("username").asText()).isEqualTo("zed");
  }
}
