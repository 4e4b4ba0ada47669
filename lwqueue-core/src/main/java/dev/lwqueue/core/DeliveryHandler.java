package dev.lwqueue.core;

/**
 * Receives deliveries on a transport thread, one at a time. A transport acknowledges a delivery
 * only after this returned and then {@link #flush()} returned, so a message on a durable queue that
 * was never handled is delivered again.
 *
 * <p>A handler that throws (from either method) has not shown the message: the transport returns
 * it (and whatever is not yet acknowledged) to the broker unacknowledged, stops the subscription,
 * and tells the transport's listeners with a {@code FAILED} event. The same on every backend: the
 * policy lives in {@link PortableTransport}.
 */
@FunctionalInterface
public interface DeliveryHandler {
  void onDelivery(Delivery delivery);

  /**
   * Called by the transport, on any thread, before it acknowledges deliveries this handler returned
   * from; it may acknowledge many at once. A handler that buffers (lines written out later) finishes
   * here and throws if it cannot, so those deliveries are not acknowledged. A handler that wraps
   * another passes this on.
   */
  default void flush() {}
}
