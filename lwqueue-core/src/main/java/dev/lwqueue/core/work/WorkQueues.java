package dev.lwqueue.core.work;

import dev.lwqueue.core.SubscribeOptions;

/**
 * A backend seen as a source of work rather than a room: a named, durable queue (RabbitMQ) or
 * subscription (Pub/Sub) on the room, whose deliveries are settled one by one in any order, and a
 * dead-letter place beside it for what could not be handled. A bridge such as {@code webhook}
 * holds many deliveries at once, each retried on its own schedule, which the room's
 * {@link dev.lwqueue.core.ChatTransport} (acknowledging in delivery order) cannot express.
 *
 * <p>Implementations are thread-safe; failures are {@link dev.lwqueue.core.TransportException}s.
 */
public interface WorkQueues extends AutoCloseable {

  /** Delivery attribute carrying the broker's own id of the message, when it has one. */
  String MESSAGE_ID_ATTRIBUTE = "lwqueue-message-id";

  /**
   * Starts receiving through the named queue, creating it (and its dead-letter place) when
   * missing. At most {@code options.prefetch()} deliveries are unsettled at once.
   */
  WorkSubscription consume(SubscribeOptions options, WorkHandler handler);

  /** The dead letters of the queue of this name; nothing is created by asking. */
  DeadLetters deadLetters(String queue);

  /** Where this is connected, for status lines; never contains a password. */
  String describe();

  @Override
  void close();
}
