package dev.lwqueue.webhook;

/**
 * At most {@code rate} requests per second, evenly spaced: each caller gets the next free slot,
 * {@code 1/rate} after the previous one, and sleeps until it. Spacing instead of a bucket keeps a
 * receiver from seeing a second's worth of requests at once after a pause.
 */
final class RateLimiter {

  /** Rate 0: no limit. */
  private final long intervalNanos;
  private long nextFreeNanos;

  RateLimiter(double ratePerSecond) {
    if (ratePerSecond < 0) {
      throw new IllegalArgumentException("--max-rate must not be negative");
    }
    this.intervalNanos = ratePerSecond == 0 ? 0 : (long) (1_000_000_000L / ratePerSecond);
  }

  /** Reserves the next slot and returns how many nanoseconds to wait for it (from {@code nowNanos}). */
  synchronized long reserve(long nowNanos) {
    if (intervalNanos == 0) {
      return 0;
    }
    long slot = Math.max(nowNanos, nextFreeNanos);
    nextFreeNanos = slot + intervalNanos;
    return slot - nowNanos;
  }

  /** Waits for the next slot. */
  void acquire() throws InterruptedException {
    long wait = reserve(System.nanoTime());
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
