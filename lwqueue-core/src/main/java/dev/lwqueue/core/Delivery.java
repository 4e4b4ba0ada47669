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
  private final String account;
  private final String recipient;
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
    this(body, receivedAt, redelivered, attributes, null, null);
    this.decoded = new ChatCodec.Decoded(message, problem);
  }

  private Delivery(byte[] body, Instant receivedAt, boolean redelivered, Map<String, String> attributes,
      String account, String recipient) {
    this.body = Objects.requireNonNull(body, "body");
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    this.redelivered = redelivered;
    this.attributes = Map.copyOf(attributes);
    this.account = account;
    this.recipient = recipient;
  }

  /** A delivery received now; the body is decoded when somebody asks for the message. */
  public static Delivery of(byte[] body, boolean redelivered, Map<String, String> attributes) {
    return new Delivery(body, Instant.now(), redelivered, attributes, null, null);
  }

  /**
   * A delivery received now, with what the broker says about its sender and addressee.
   *
   * @param account the account that published it, as the broker verified it (RabbitMQ's
   *     {@code user_id}); null when the message carries none or the backend verifies no sender
   * @param recipient the account a private message is addressed to; null for the whole room
   */
  public static Delivery of(
      byte[] body, boolean redelivered, Map<String, String> attributes, String account, String recipient) {
    return new Delivery(body, Instant.now(), redelivered, attributes, account, recipient);
  }

  /**
   * The account that published this message, as the broker verified it; null when the message
   * carries none (the Python client sets none) or the backend verifies no sender (Pub/Sub).
   */
  public String account() {
    return account;
  }

  /**
   * Whether the broker verified that the sender's account is the name the message shows: only then
   * is a name proof of who wrote it. A message from another account, or from none, is not verified.
   */
  public boolean verified() {
    ChatMessage message = message();
    return account != null && message != null && account.equals(message.username());
  }

  /** The account a private message is addressed to, or null for a message to the whole room. */
  public String recipient() {
    return recipient;
  }

  public boolean isPrivate() {
    return recipient != null;
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
        + ", receivedAt=" + receivedAt + ", redelivered=" + redelivered + ", attributes=" + attributes
        + (account == null ? "" : ", account=" + account) + (recipient == null ? "" : ", recipient=" + recipient) + "]";
  }
}
