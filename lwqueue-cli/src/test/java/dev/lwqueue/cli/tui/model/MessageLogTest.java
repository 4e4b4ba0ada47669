package dev.lwqueue.cli.tui.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class MessageLogTest {

  /** Sent at 12:00:00 UTC, so screens show a known time. */
  static final Instant SENT_AT = Instant.parse("2024-05-01T12:00:00Z");

  public static Delivery delivery(String username, String message) {
    return Delivery.of(ChatCodec.encode(new ChatMessage(username, message, null, SENT_AT)), false, Map.of());
  }

  @Test
  void keepsOnlyTheNewestEntriesUpToTheBound() {
    MessageLog log = new MessageLog(100);
    for (int i = 0; i < 1_000; i++) {
      log.add(delivery("u", "m" + i));
    }
    assertThat(log.size()).isEqualTo(100);
    assertThat(log.received()).isEqualTo(1_000);
    assertThat(log.dropped()).isEqualTo(900);
    assertThat(log.newestSeq()).isEqualTo(999);
    assertThat(log.oldestSeq()).isEqualTo(900);
    assertThat(log.get(899)).isNull();
    assertThat(log.get(900).text()).isEqualTo("m900");
    assertThat(log.get(1_000)).isNull();
  }

  @Test
  void newestFirstGoesBackFromASequenceNumberAndStopsAtTheOldestHeld() {
    MessageLog log = new MessageLog(5);
    for (int i = 0; i < 8; i++) {
      log.add(delivery("u", "m" + i));
    }
    assertThat(log.newestFirst(log.newestSeq(), 3)).extracting(LogEntry::text).containsExactly("m7", "m6", "m5");
    assertThat(log.newestFirst(4, 10)).extracting(LogEntry::text).containsExactly("m4", "m3");
    assertThat(log.newestFirst(100, 2)).extracting(LogEntry::text).containsExactly("m7", "m6");
  }

  @Test
  void noticesDoNotCountAsReceivedButTakeAPlaceInTheLog() {
    MessageLog log = new MessageLog(10);
    long versionBefore = log.version();
    log.add(LogEntry.notice(Instant.now(), "hello"));
    assertThat(log.received()).isZero();
    assertThat(log.size()).isEqualTo(1);
    assertThat(log.version()).isNotEqualTo(versionBefore);
  }

  @Test
  void aHugeMessageIsStoredCutWithTheOriginalLengthSaid() {
    String huge = "x".repeat(1_000_000);
    LogEntry e = LogEntry.of(delivery("u".repeat(10_000), huge));
    assertThat(e.text()).hasSizeLessThan(LogEntry.MAX_TEXT_CHARS + 40).endsWith("… [1000000 characters]");
    assertThat(e.name().length()).isLessThan(LogEntry.MAX_NAME_CHARS + 40);
  }

  @Test
  void hostileTextIsStoredEscapedAndBadlyEncodedBodiesAreKeptAsForeign() {
    LogEntry e = LogEntry.of(delivery("evil\u001b[31m", "a\u001b]0;pwned\u0007b\u202Ec\u0085d"));
    assertThat(e.name()).isEqualTo("evil\\e[31m");
    assertThat(e.text()).isEqualTo("a\\e]0;pwned\\x07b\\u202ec\\x85d");
    assertThat(e.nameHash()).isEqualTo("evil\u001b[31m".hashCode());

    LogEntry foreign = LogEntry.of(Delivery.of("plain \u001b[2J text".getBytes(StandardCharsets.UTF_8), false, Map.of()));
    assertThat(foreign.kind()).isEqualTo(LogEntry.Kind.FOREIGN);
    assertThat(foreign.text()).isEqualTo("(not a chat message: body is not JSON) plain \\e[2J text");
  }

  @Test
  void aCombiningAccentIsStoredComposedSoItTakesOneColumn() {
    LogEntry e = LogEntry.of(delivery("u", "cafe\u0301"));
    assertThat(e.text()).isEqualTo("caf\u00e9");
  }

  @Test
  void aFloodFromAnotherThreadStaysWithinTheBound() throws Exception {
    MessageLog log = new MessageLog(1_000);
    Thread producer = new Thread(() -> {
      for (int i = 0; i < 200_000; i++) {
        log.add(delivery("u", "m" + i));
      }
    });
    producer.start();
    int maxSeen = 0;
    while (producer.isAlive()) {
      List<LogEntry> page = log.newestFirst(log.newestSeq(), 30);
      assertThat(page).doesNotContainNull();
      maxSeen = Math.max(maxSeen, log.size());
    }
    producer.join();
    assertThat(maxSeen).isLessThanOrEqualTo(1_000);
    assertThat(log.size()).isEqualTo(1_000);
    assertThat(log.get(log.newestSeq()).text()).isEqualTo("m199999");
  }
}
