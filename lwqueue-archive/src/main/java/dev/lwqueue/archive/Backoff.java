package dev.lwqueue.archive;

import java.time.Duration;

/** Waits that double from {@code first} up to {@code max}, so a long outage costs a probe now and then. */
public final class Backoff {

  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15));

  private final Duration first;
  private final Duration max;

  public Backoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
  }

  /** The wait after {@code failures} failed attempts in a row (1 for the first). */
  public Duration after(int failures) {
    Duration wait = first;
    for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
