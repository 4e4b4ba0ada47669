package dev.lwqueue.core;

/**
 * What a backend supports, so the shared conformance suite runs only the tests that apply
 * (the idea of Watermill's feature flags).
 *
 * @param reportsRouting publish receipts say whether anybody received the message
 * @param keepsPublisherOrder messages of one publisher arrive in the order they were published
 * @param durableSubscriptions named subscriptions keep messages while nobody listens
 * @param maxMessageBytes the largest body the backend accepts
 * @param verifiesSenders the broker proves which account published a message ({@link Delivery#account()})
 */
public record Capabilities(
    boolean reportsRouting,
    boolean keepsPublisherOrder,
    boolean durableSubscriptions,
    int maxMessageBytes,
    boolean verifiesSenders) {

  /** A backend that verifies no sender. */
  public Capabilities(boolean reportsRouting, boolean keepsPublisherOrder, boolean durableSubscriptions,
      int maxMessageBytes) {
    this(reportsRouting, keepsPublisherOrder, durableSubscriptions, maxMessageBytes, false);
  }
}
