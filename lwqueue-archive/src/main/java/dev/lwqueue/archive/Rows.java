package dev.lwqueue.archive;

import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.Delivery;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A batch of deliveries as rows: chat messages for {@code user_messages}, the rest (and what the
 * database cannot hold) for {@code unreadable_messages}. Times are UTC, cut to milliseconds, so every
 * database stores and answers the same values.
 */
final class Rows {

  record MessageRow(String key, String id, String username, String message, LocalDateTime receivedAt,
      LocalDateTime sentAt, String account) {}

  record UnreadableRow(LocalDateTime receivedAt, byte[] body, String reason) {}

  final List<MessageRow> messages = new ArrayList<>();
  final List<UnreadableRow> unreadable = new ArrayList<>();
  /** Copies of an id already in this batch (the broker delivered it twice). */
  int duplicatesInBatch;

  static Rows of(List<Delivery> deliveries, Dialect dialect) {
    Rows rows = new Rows();
    Map<String, MessageRow> byId = new LinkedHashMap<>();
    for (Delivery delivery : deliveries) {
      LocalDateTime receivedAt = utc(delivery.receivedAt());
      ChatMessage message = delivery.message();
      if (message == null) {
        rows.unreadable.add(new UnreadableRow(receivedAt, delivery.body(), delivery.problem()));
        continue;
      }
      String refused = refusal(dialect, message);
      if (refused != null) {
        rows.unreadable.add(new UnreadableRow(receivedAt, delivery.body(), refused));
        continue;
      }
      MessageRow row = new MessageRow(
          message.id() != null ? message.id() : UUID.randomUUID().toString(),
          message.id(), message.username(), message.message(), receivedAt,
          message.sentAt() == null ? null : utc(message.sentAt()), account(delivery));
      if (message.id() == null) {
        rows.messages.add(row);
      } else if (byId.putIfAbsent(message.id(), row) != null) {
        rows.duplicatesInBatch++;
      }
    }
    // Messages with an id after those without: the order within a transaction does not matter.
    rows.messages.addAll(byId.values());
    return rows;
  }

  private static String refusal(Dialect dialect, ChatMessage message) {
    for (String text : new String[] {message.username(), message.message(), message.id()}) {
      String reason = text == null ? null : dialect.refuses(text);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  /**
   * The account the broker says published it (RabbitMQ's validated {@code user_id}); null where
   * the broker says nothing: Pub/Sub, or a client that sets no {@code user_id}, such as pika's.
   */
  private static String account(Delivery delivery) {
    return delivery.account();
  }

  static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
  }

  static Instant instant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  int size() {
    return messages.size() + unreadable.size();
  }
}
