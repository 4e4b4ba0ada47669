package dev.lwqueue.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes on only the messages whose sender the broker verified ({@link Delivery#verified()}), for
 * {@code --verified-only}; counts what it hid, so the user can be told: nothing disappears silently.
 */
public final class VerifiedOnlyHandler implements DeliveryHandler {

  private final DeliveryHandler next;
  private final AtomicLong hidden = new AtomicLong();

  public VerifiedOnlyHandler(DeliveryHandler next) {
    this.next = next;
  }

  @Override
  public void onDelivery(Delivery delivery) {
    if (delivery.verified()) {
      next.onDelivery(delivery);
    } else {
      hidden.incrementAndGet();
    }
  }

  @Override
  public void flush() {
    next.flush();
  }

  /** How many messages were hidden so far. */
  public long hidden() {
    return hidden.get();
  }
}
