package dev.lwqueue.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message as a subscriber received it: the raw body always, the decoded chat message when the
 * body is one, and otherwise the reason it is not.
 *
 * <p>The body is decoded on first use of {@link #message()} or {@link #problem()}, not on arrival:
 * a subscriber that only prints raw bodies (the original exercise's format) or counts messages
 * never pays for JSON parsing, which is most of the per-message cost at broker speed.
 */
public final class Delivery {

  private final byte[] body;
  private final Instant receivedAt;
  private final boolean redelivered;
  private final Map<String, String> attributes;
  /** Written at most once per thread that looks; every thread computes the same value. */
  private volatile ChatCodec.Decoded decoded;

  /**
   * A delivery whose decoding is already known.
   *
   * @param body the bytes exactly as the broker delivered them
   * @param message the decoded chat message, or {@code null} when {@code problem} is set
   * @param problem why the body is not a chat message, or {@code null}
   * @param receivedAt when this process received it
   * @param redelivered whether the broker says it may have delivered this message before
   * @param attributes broker-level metadata (AMQP headers, Pub/Sub attributes); never required
   */
  public Delivery(
      byte[] body,
      ChatMessage message,
      String problem,
      Instant receivedAt,
      boolean redelivered,
      Map<String, String> attributes) {
    this(body, receivedAt, redelivered, attributes);
    this.decoded = new ChatCodec.Decoded(message, problem);
  }

  private Delivery(byte[] body, Instant receivedAt, boolean redelivered, Map<String, String> attributes) {
    this.body = Objects.requireNonNull(body, "body");
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    this.redelivered = redelivered;
    this.attributes = Map.copyOf(attributes);
  }

  /** A delivery received now; the body is decoded when somebody asks for the message. */
  public static Delivery of(byte[] body, boolean redelivered, Map<String, String> attributes) {
    return new Delivery(body, Instant.now(), redelivered, attributes);
  }

  /** The bytes exactly as the broker delivered them. */
  public byte[] body() {
    return body;
  }

  /** The decoded chat message, or {@code null} when the body is not one (see {@link #problem()}). */
  public ChatMessage message() {
    return decoded().message();
  }

  /** Why the body is not a chat message, or {@code null} when it is one. */
  public String problem() {
    return decoded().problem();
  }

  /** When this process received it. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** Whether the broker says it may have delivered this message before. */
  public boolean redelivered() {
    return redelivered;
  }

  /** Broker-level metadata (AMQP headers, Pub/Sub attributes); never required. */
  public Map<String, String> attributes() {
    return attributes;
  }

  public Optional<ChatMessage> chatMessage() {
    return Optional.ofNullable(message());
  }

  /** The body as text; bytes that are not UTF-8 become U+FFFD. Not yet terminal-safe. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  private ChatCodec.Decoded decoded() {
    ChatCodec.Decoded d = decoded;
    if (d == null) {
      d = ChatCodec.decode(body);
      decoded = d;
    }
    return d;
  }

  @Override
  public String toString() {
    return "Delivery[" + body.length + " bytes, message=" + message() + ", problem=" + problem()
        + ", receivedAt=" + receivedAt + ", redelivered=" + redelivered + ", attributes=" + attributes + "]";
  }
}
