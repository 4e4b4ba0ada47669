package dev.lwqueue.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How to subscribe.
 *
 * @param name {@code null} for a temporary queue or subscription that lives as long as the
 *     subscriber; otherwise a named, durable one that keeps messages while nobody listens
 * @param expiry how long a named queue or subscription may stay unused before the broker deletes it
 * @param prefetch how many unacknowledged deliveries the broker may push ahead
 */
public record SubscribeOptions(String name, Duration expiry, int prefetch) {

  public static final Duration DEFAULT_EXPIRY = Duration.ofDays(3);
  public static final int DEFAULT_PREFETCH = 500;

  public SubscribeOptions {
    Objects.requireNonNull(expiry, "expiry");
    if (prefetch < 1) {
      throw new IllegalArgumentException("prefetch must be at least 1");
    }
  }

  public static SubscribeOptions temporary() {
    return new SubscribeOptions(null, DEFAULT_EXPIRY, DEFAULT_PREFETCH);
  }

  public static SubscribeOptions named(String name) {
    return new SubscribeOptions(Objects.requireNonNull(name, "name"), DEFAULT_EXPIRY, DEFAULT_PREFETCH);
  }

  public boolean isNamed() {
    return name != null;
  }

  public SubscribeOptions withExpiry(Duration newExpiry) {
    return new SubscribeOptions(name, newExpiry, prefetch);
  }

  public SubscribeOptions withPrefetch(int newPrefetch) {
    return new SubscribeOptions(name, expiry, newPrefetch);
  }
}
