package dev.lwqueue.core;

/**
 * What the broker said about a published message once it accepted it.
 *
 * @param brokerMessageId the broker's own id for the message, when it hands one out (Pub/Sub does)
 * @param routing whether anybody could have received it
 */
public record PublishReceipt(String brokerMessageId, Routing routing) {

  public enum Routing {
    /** At least one queue or subscription received the message. */
    ROUTED,
    /** The broker accepted the message but nobody was there to receive it. */
    UNROUTED,
    /** The backend cannot tell. */
    UNKNOWN
  }
}
