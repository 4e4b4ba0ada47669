package dev.lwqueue.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When to try again, with Cloud Tasks' names and meanings: the first retry waits
 * {@code minBackoff}; the wait doubles {@code maxDoublings} times, then grows by the same step
 * each time, never beyond {@code maxBackoff}; {@code maxAttempts} counts every attempt, the first
 * included, and after the last one the message is dead.
 */
public record RetryPolicy(Duration minBackoff, Duration maxBackoff, int maxAttempts, int maxDoublings) {

  /** Cloud Tasks' default for {@code max_doublings}. */
  public static final int DEFAULT_MAX_DOUBLINGS = 16;

  public RetryPolicy {
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("--max-backoff must not be below --min-backoff, nor either negative");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("--max-attempts must be at least 1");
    }
    if (maxDoublings < 0) {
      throw new IllegalArgumentException("max doublings must not be negative");
    }
  }

  public static RetryPolicy of(Duration minBackoff, Duration maxBackoff, int maxAttempts) {
    return new RetryPolicy(minBackoff, maxBackoff, maxAttempts, DEFAULT_MAX_DOUBLINGS);
  }

  /** Whether an attempt with this number (1 for the first) may be followed by another. */
  public boolean retriesAfter(int attempt) {
    return attempt < maxAttempts;
  }

  /**
   * How long to wait after the failed attempt number {@code attempt} (1 for the first) before the
   * next: min, 2 min, 4 min, … up to {@code 2^maxDoublings} min, then linear steps of that size.
   */
  public Duration backoffAfter(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts are numbered from 1");
    }
    long min = minBackoff.toNanos();
    long max = maxBackoff.toNanos();
    int doublings = Math.min(attempt - 1, maxDoublings);
    double wait = min * Math.pow(2, doublings);
    if (attempt - 1 > maxDoublings) {
      wait += (double) min * Math.pow(2, maxDoublings) * (attempt - 1 - maxDoublings);
    }
    return Duration.ofNanos((long) Math.min(wait, (double) max));
  }

  /**
   * The wait before the next attempt: the back-off, or the receiver's {@code Retry-After} when that
   * is longer (a receiver that says when it can take more is believed).
   */
  public Duration nextDelay(int attempt, Duration retryAfter) {
    Duration backoff = backoffAfter(attempt);
    return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
  }

  /** Every wait a message that always fails goes through, for {@code --help} and the tests. */
  public List<Duration> schedule() {
    List<Duration> waits = new ArrayList<>();
    for (int attempt = 1; retriesAfter(attempt); attempt++) {
      waits.add(backoffAfter(attempt));
    }
    return waits;
  }
}
