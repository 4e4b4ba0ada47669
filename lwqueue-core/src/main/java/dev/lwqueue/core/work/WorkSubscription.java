package dev.lwqueue.core.work;

import dev.lwqueue.core.Subscription;

/** A {@link WorkQueues} consumer; unsettled deliveries go back to the queue on close. */
public interface WorkSubscription extends Subscription {

  /**
   * Asks the broker to send nothing more while deliveries already received can still be settled,
   * so a stopping bridge finishes what it holds without being handed more.
   */
  void stopReceiving();
}
