package dev.lwqueue.core.driver;

import dev.lwqueue.core.Delivery;

/** Where a {@link DriverSubscription} puts what it receives; implemented by the portable type. */
public interface Inbox<A> {

  /** One delivery, with the id that acknowledges or releases it. */
  void deliver(Delivery delivery, A ackId);

  /**
   * The broker handed over a batch and all of it was delivered: a good moment to acknowledge
   * (Pub/Sub pulls in batches). Drivers that receive one message at a time need not call it;
   * handled deliveries are acknowledged in batches and shortly after traffic stops anyway.
   */
  void endOfBatch();

  /** The broker ended the subscription for good (queue deleted, permission revoked): why, one line. */
  void lost(String reason);
}
