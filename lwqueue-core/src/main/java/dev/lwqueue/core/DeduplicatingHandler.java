package dev.lwqueue.core;

import java.util.Objects;

/**
 * Shows a message once even when the broker delivers it again (a redelivery after a reconnect) or
 * a sender published it twice (a retry after a lost confirmation). Messages are recognised by their
 * {@link ChatMessage#id()}; messages without an id, such as those of the original Python clients,
 * always pass. Memory is bounded: only the most recent {@code capacity} ids are remembered.
 *
 * <p>Every {@link PortableTransport} subscription already de-duplicates (unless {@link
 * SubscribeOptions#withoutDeduplication()}); this is for handlers fed from elsewhere.
 */
public final class DeduplicatingHandler implements DeliveryHandler {

  public static final int DEFAULT_CAPACITY = RecentIds.DEFAULT_CAPACITY;

  private final DeliveryHandler next;
  private final RecentIds recent;
  private long duplicates;

  public DeduplicatingHandler(DeliveryHandler next) {
    this(next, DEFAULT_CAPACITY);
  }

  public DeduplicatingHandler(DeliveryHandler next, int capacity) {
    this.next = Objects.requireNonNull(next, "next");
    this.recent = new RecentIds(capacity);
  }

  @Override
  public synchronized void onDelivery(Delivery delivery) {
    String id = RecentIds.idOf(delivery);
    if (recent.contains(id)) {
      duplicates++;
      return;
    }
    next.onDelivery(delivery);
    // Remembered only once shown: if showing failed, the redelivery must still be shown.
    recent.remember(id);
  }

  @Override
  public void flush() {
    next.flush();
  }

  /** How many deliveries were dropped as duplicates so far. */
  public synchronized long duplicates() {
    return duplicates;
  }
}
