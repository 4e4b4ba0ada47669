package dev.lwqueue.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Shows a message once even when the broker delivers it again (a redelivery after a reconnect) or
 * a sender published it twice (a retry after a lost confirmation). Messages are recognised by their
 * {@link ChatMessage#id()}; messages without an id, such as those of the original Python clients,
 * always pass. Memory is bounded: only the most recent {@code capacity} ids are remembered, which
 * covers every redelivery window a broker produces (at most the prefetch count plus what a
 * sender retried).
 */
public final class DeduplicatingHandler implements DeliveryHandler {

  public static final int DEFAULT_CAPACITY = 16_384;

  private final DeliveryHandler next;
  private final Map<String, Boolean> recent;
  private long duplicates;

  public DeduplicatingHandler(DeliveryHandler next) {
    this(next, DEFAULT_CAPACITY);
  }

  public DeduplicatingHandler(DeliveryHandler next, int capacity) {
    this.next = Objects.requireNonNull(next, "next");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.recent =
        new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public synchronized void onDelivery(Delivery delivery) {
    String id = delivery.message() == null ? null : delivery.message().id();
    if (id != null && recent.containsKey(id)) {
      duplicates++;
      return;
    }
    next.onDelivery(delivery);
    // Remembered only once shown: if showing failed, the redelivery must still be shown.
    if (id != null) {
      recent.put(id, Boolean.TRUE);
    }
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
