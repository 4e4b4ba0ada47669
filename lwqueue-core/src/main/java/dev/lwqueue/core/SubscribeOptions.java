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
 * @param maxMessages stop after this many distinct messages were handled, leaving the rest with the
 *     broker unacknowledged; {@code 0} for no limit
 * @param deduplicate whether a message whose id was already handled is acknowledged without
 *     reaching the handler (it costs decoding every body)
 */
public record SubscribeOptions(String name, Duration expiry, int prefetch, long maxMessages, boolean deduplicate) {

  public static final Duration DEFAULT_EXPIRY = Duration.ofDays(3);
  public static final int DEFAULT_PREFETCH = 500;

  public SubscribeOptions {
    Objects.requireNonNull(expiry, "expiry");
    if (prefetch < 1) {
      throw new IllegalArgumentException("prefetch must be at least 1");
    }
    if (maxMessages < 0) {
      throw new IllegalArgumentException("maxMessages may not be negative");
    }
  }

  public SubscribeOptions(String name, Duration expiry, int prefetch) {
    this(name, expiry, prefetch, 0, true);
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
    return new SubscribeOptions(name, newExpiry, prefetch, maxMessages, deduplicate);
  }

  public SubscribeOptions withPrefetch(int newPrefetch) {
    return new SubscribeOptions(name, expiry, newPrefetch, maxMessages, deduplicate);
  }

  /** Stops after {@code n} distinct messages (0: never); see {@link Subscription#done()}. */
  public SubscribeOptions withMaxMessages(long n) {
    return new SubscribeOptions(name, expiry, prefetch, n, deduplicate);
  }

  /** Hands every delivery to the handler, duplicates included (a benchmark counts them). */
  public SubscribeOptions withoutDeduplication() {
    return new SubscribeOptions(name, expiry, prefetch, maxMessages, false);
  }

  /**
   * What the broker may push ahead: never more than {@link #maxMessages()}, so a subscriber that
   * stops after N does not take messages it will only hand back.
   */
  public int effectivePrefetch() {
    return maxMessages > 0 && maxMessages < prefetch ? (int) maxMessages : prefetch;
  }
}
