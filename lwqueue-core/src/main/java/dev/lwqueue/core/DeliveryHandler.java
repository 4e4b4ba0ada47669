package dev.lwqueue.core;

/**
 * Receives deliveries on a transport thread. A transport acknowledges a delivery only after this
 * returns, so a message on a durable queue that was never handled is delivered again.
 */
@FunctionalInterface
public interface DeliveryHandler {
  void onDelivery(Delivery delivery);
}
