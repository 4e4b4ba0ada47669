package dev.lwqueue.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One message as a subscriber received it: the raw body always, the decoded chat message when the
 * body is one, and otherwise the reason it is not.
 *
 * @param body the bytes exactly as the broker delivered them
 * @param message the decoded chat message, or {@code null} when {@code problem} is set
 * @param problem why the body is not a chat message, or {@code null}
 * @param receivedAt when this process received it
 * @param redelivered whether the broker says it may have delivered this message before
 * @param attributes broker-level metadata (AMQP headers, Pub/Sub attributes); never required
 */
public record Delivery(
    byte[] body,
    ChatMessage message,
    String problem,
    Instant receivedAt,
    boolean redelivered,
    Map<String, String> attributes) {

  public static Delivery of(byte[] body, boolean redelivered, Map<String, String> attributes) {
    ChatCodec.Decoded decoded = ChatCodec.decode(body);
    return new Delivery(
        body, decoded.message(), decoded.problem(), Instant.now(), redelivered, Map.copyOf(attributes));
  }

  public Optional<ChatMessage> chatMessage() {
    return Optional.ofNullable(message);
  }

  /** The body as text; bytes that are not UTF-8 become U+FFFD. Not yet terminal-safe. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
