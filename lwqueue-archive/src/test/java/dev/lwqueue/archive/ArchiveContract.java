package dev.lwqueue.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.Delivery;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every database must do the same: store, de-duplicate by id, keep unreadable bodies intact,
 * and answer the stats with the values computed here from the data sent.
 */
abstract class ArchiveContract {

  /** A database of the test's own, empty. */
  abstract Database database();

  static Delivery delivery(byte[] body, Instant receivedAt) {
    ChatCodec.Decoded decoded = ChatCodec.decode(body);
    return new Delivery(body, decoded.message(), decoded.problem(), receivedAt, false, Map.of());
  }

  static Delivery delivery(ChatMessage message, Instant receivedAt) {
    return delivery(ChatCodec.encode(message), receivedAt);
  }

  @Test
  void answersTheExercisesQuestionsFromWhatWasArchived() {
    Instant now = Instant.parse("2026-11-30T15:40:00Z");
    Random random = new Random(11);
    String[] users = {"alice", "bob", "Carol", "dave", "erin", "frank", "Bob", "zoe"};
    List<Delivery> sent = new ArrayList<>();
    Map<String, Long> counts = new HashMap<>();
    Instant t = now.minus(30, ChronoUnit.HOURS);
    for (int i = 0; i < 700; i++) {
      t = t.plusMillis(1 + random.nextInt(300_000));
      if (t.isAfter(now)) {
        break;
      }
      String user = users[random.nextInt(i % 3 == 0 ? 3 : users.length)];
      counts.merge(user, 1L, Long::sum);
      sent.add(delivery(ChatMessage.stamped(user, "message " + i + " ✓"), t));
    }
    // A tie in the top five, broken by name: both get the same count as the fifth.
    try (Archiver archiver = new Archiver(database(), ArchiveListener.NONE, Backoff.DEFAULT).open()) {
      for (int i = 0; i < sent.size(); i++) {
        archiver.onDelivery(sent.get(i));
        if (i % 97 == 0) {
          archiver.flush();
        }
      }
      archiver.flush();
      assertThat(archiver.stored()).isEqualTo(sent.size());
    }

    StatsReport report = Stats.query(database(), now, 10);

    assertThat(report.messages()).isEqualTo(sent.size());
    assertThat(report.distinctSenders()).isEqualTo(counts.size());
    List<StatsReport.UserCount> expectedTop = counts.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
            .thenComparing(e -> e.getKey().getBytes(StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned))
        .limit(5)
        .map(e -> new StatsReport.UserCount(e.getKey(), e.getValue()))
        .collect(Collectors.toList());
    assertThat(report.topUsers()).isEqualTo(expectedTop);

    Instant first = sent.get(0).receivedAt();
    Instant last = sent.get(sent.size() - 1).receivedAt();
    double sumOfGaps = 0;
    for (int i = 1; i < sent.size(); i++) {
      sumOfGaps += (sent.get(i).receivedAt().toEpochMilli() - sent.get(i - 1).receivedAt().toEpochMilli()) / 1000.0;
    }
    assertThat(report.averageGapSeconds()).isCloseTo(sumOfGaps / (sent.size() - 1), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(report.first()).isEqualTo(first);
    assertThat(report.last()).isEqualTo(last);

    Map<Instant, Long> perHour = new LinkedHashMap<>();
    Instant since = now.truncatedTo(ChronoUnit.HOURS).minus(23, ChronoUnit.HOURS);
    for (int h = 0; h < 24; h++) {
      perHour.put(since.plus(h, ChronoUnit.HOURS), 0L);
    }
    Map<Instant, Long> allHours = new HashMap<>();
    for (Delivery d : sent) {
      Instant hour = d.receivedAt().truncatedTo(ChronoUnit.HOURS);
      perHour.computeIfPresent(hour, (k, v) -> v + 1);
      allHours.merge(hour, 1L, Long::sum);
    }
    assertThat(report.lastDay()).extracting(StatsReport.HourCount::hour).containsExactlyElementsOf(perHour.keySet());
    assertThat(report.lastDay()).extracting(StatsReport.HourCount::messages).containsExactlyElementsOf(perHour.values());
    Map.Entry<Instant, Long> busiest = allHours.entrySet().stream()
        .sorted(Comparator.<Map.Entry<Instant, Long>>comparingLong(Map.Entry::getValue).reversed()
            .thenComparing(Map.Entry::getKey))
        .findFirst().orElseThrow();
    assertThat(report.busiestHour()).isEqualTo(new StatsReport.HourCount(busiest.getKey(), busiest.getValue()));

    List<ChatMessage> lastTen = sent.subList(sent.size() - 10, sent.size()).stream().map(Delivery::message).toList();
    assertThat(report.latest()).extracting(StatsReport.StoredMessage::message)
        .containsExactlyElementsOf(lastTen.stream().map(ChatMessage::message).toList());
    assertThat(report.latest()).extracting(StatsReport.StoredMessage::id)
        .containsExactlyElementsOf(lastTen.stream().map(ChatMessage::id).toList());
  }

  @Test
  void aMessageDeliveredAgainIsStoredOnceAndOneWithoutIdEachTime() throws Exception {
    Instant now = Instant.now();
    ChatMessage stamped = ChatMessage.stamped("alice", "once");
    ChatMessage plain = ChatMessage.of("bob", "from pika, no id");
    try (Archiver archiver = new Archiver(database(), ArchiveListener.NONE, Backoff.DEFAULT).open()) {
      archiver.onDelivery(delivery(stamped, now));
      archiver.onDelivery(delivery(stamped, now.plusMillis(1)));
      archiver.onDelivery(delivery(plain, now));
      archiver.flush();
      archiver.onDelivery(delivery(stamped, now.plusMillis(2)));
      archiver.onDelivery(delivery(plain, now.plusMillis(3)));
      archiver.flush();
      assertThat(archiver.stored()).isEqualTo(3);
      assertThat(archiver.duplicates()).isEqualTo(2);
    }
    assertThat(count("SELECT count(*) FROM user_messages WHERE id = '" + stamped.id() + "'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM user_messages WHERE username = 'bob'")).isEqualTo(2);
  }

  @Test
  void hostileBodiesAreStoredIntactWithTheirReason() throws Exception {
    List<byte[]> bodies = List.of(
        new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80},
        "not json at all \u001b[2J\u001b]0;pwned\u0007".getBytes(StandardCharsets.UTF_8),
        "[1,2,3]".getBytes(StandardCharsets.UTF_8),
        "{\"username\": 42, \"message\": \"x\"}".getBytes(StandardCharsets.UTF_8),
        new byte[0],
        "x".repeat(300_000).getBytes(StandardCharsets.UTF_8));
    Instant now = Instant.now();
    try (Archiver archiver = new Archiver(database(), ArchiveListener.NONE, Backoff.DEFAULT).open()) {
      for (byte[] body : bodies) {
        archiver.onDelivery(delivery(body, now));
      }
      ChatMessage evil = ChatMessage.stamped("mallory\u0000", "nul \u0000 inside, and \u001b[31mred\u001b[0m");
      archiver.onDelivery(delivery(evil, now));
      archiver.flush();
      assertThat(archiver.unreadable() + archiver.stored()).isEqualTo(bodies.size() + 1);
    }
    List<byte[]> stored = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    try (Connection c = database().connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT body, reason FROM unreadable_messages")) {
      while (rs.next()) {
        stored.add(rs.getBytes(1));
        reasons.add(rs.getString(2));
      }
    }
    assertThat(stored).usingElementComparator(java.util.Arrays::compare).containsAll(bodies);
    assertThat(reasons).contains("body is not valid UTF-8", "body is not JSON", "body is JSON but not an object",
        "no string field \"username\"", "empty body");
  }

  long count(String sql) throws Exception {
    try (Connection c = database().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
