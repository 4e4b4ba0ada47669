package dev.lwqueue.core.work;

import dev.lwqueue.core.Delivery;

/** Receives deliveries of a {@link WorkQueues} consumer; it settles each, now or later, on any thread. */
@FunctionalInterface
public interface WorkHandler {
  void onDelivery(Delivery delivery, Settlement settlement);
}
