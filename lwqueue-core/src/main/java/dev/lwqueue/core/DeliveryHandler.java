package dev.lwqueue.core;

/**
 * Receives deliveries on a transport thread. A transport acknowledges a delivery only after this
 * returned and then {@link #flush()} returned, so a message on a durable queue that was never
 * handled is delivered again.
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
