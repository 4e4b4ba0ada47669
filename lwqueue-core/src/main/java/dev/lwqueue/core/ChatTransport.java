package dev.lwqueue.core;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A broker seen as a chat room: everything published reaches every subscriber that was subscribed
 * at the time. Implemented once, by {@link PortableTransport} over a backend's {@link
 * dev.lwqueue.core.driver.TransportDriver}; the shared conformance suite in {@code lwqueue-testkit}
 * is the definition of the contract.
 *
 * <p>Implementations are thread-safe. Failures a user can act on are {@link TransportException}s.
 */
public interface ChatTransport extends AutoCloseable {

  /** Header or attribute carrying the sender's username, so brokers can filter without the body. */
  String USERNAME_ATTRIBUTE = "username";

  /**
   * Attribute naming the account a private message is for. A publish that carries it reaches only
   * that account's subscribers: each backend routes it so (RabbitMQ: the private exchange with the
   * account as routing key; Pub/Sub: the attribute, which subscriptions filter on).
   */
  String RECIPIENT_ATTRIBUTE = "lwqueue_to";

  /**
   * Publishes a body as it is. The future completes once the broker has accepted (confirmed) the
   * message, or fails with a {@link TransportException}: {@code REFUSED} when the broker
   * refused it, {@code CLOSED} after {@link #close()}.
   */
  CompletableFuture<PublishReceipt> publishRaw(byte[] body, Map<String, String> attributes);

  /** Publishes a chat message as UTF-8 JSON, with the username also as an attribute. */
  default CompletableFuture<PublishReceipt> publish(ChatMessage message) {
    return publishRaw(ChatCodec.encode(message), Map.of(USERNAME_ATTRIBUTE, message.username()));
  }

  /**
   * Publishes a chat message that only the subscribers of the account {@code recipient} receive,
   * not the room. A backend without private messages fails the future.
   */
  default CompletableFuture<PublishReceipt> publishPrivate(ChatMessage message, String recipient) {
    return publishRaw(ChatCodec.encode(message), privateAttributes(message.username(), recipient));
  }

  /** The attributes of a private message from {@code username} to {@code recipient}. */
  static Map<String, String> privateAttributes(String username, String recipient) {
    return Map.of(USERNAME_ATTRIBUTE, username, RECIPIENT_ATTRIBUTE, recipient);
  }

  /**
   * Starts receiving. Messages published before this returns are not delivered to a temporary
   * subscription; a named one also gets what waited for it. The options also say whether to
   * de-duplicate and when to stop ({@link SubscribeOptions#maxMessages()}).
   */
  Subscription subscribe(SubscribeOptions options, DeliveryHandler handler);

  /** Adds a listener for connection changes (lost, recovering, recovered). */
  void addConnectionListener(ConnectionListener listener);

  Capabilities capabilities();

  /** Where this transport is connected, for status lines; never contains a password. */
  String describe();

  /** The room's name as the broker knows it: the RabbitMQ exchange, the Pub/Sub topic. */
  String room();

  /** Closes subscriptions and the connection. Idempotent. */
  @Override
  void close();
}
