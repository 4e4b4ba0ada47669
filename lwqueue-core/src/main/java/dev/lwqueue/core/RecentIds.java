package dev.lwqueue.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the most recently handled messages, bounded: enough to recognise every redelivery a
 * broker produces (at most the prefetch count plus what a sender retried). Not thread-safe.
 */
final class RecentIds {

  static final int DEFAULT_CAPACITY = 16_384;

  private final Map<String, Boolean> recent;

  RecentIds(int capacity) {
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

  /** The id a delivery is recognised by: its chat message's id, or {@code null} (always shown). */
  static String idOf(Delivery delivery) {
    ChatMessage message = delivery.message();
    return message == null ? null : message.id();
  }

  boolean contains(String id) {
    return id != null && recent.containsKey(id);
  }

  void remember(String id) {
    if (id != null) {
      recent.put(id, Boolean.TRUE);
    }
  }
}
