package dev.lwqueue.cli.tui.model;

import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Messages per second over about the last second, from samples of a running count taken when the
 * screen is drawn. Used by the render thread only.
 */
public final class RateMeter {

  private static final long WINDOW_NANOS = 1_000_000_000L;
  private static final int MAX_SAMPLES = 256;

  private record Sample(long nanos, long count) {}

  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  /** Records the count at this time and returns the rate since the sample about a second ago. */
  public double sample(long nowNanos, long count) {
    samples.addLast(new Sample(nowNanos, count));
    // Keep as base the newest sample at or before the window's start.
    while (samples.size() > 2) {
      Sample second = secondOldest();
      if (second.nanos() <= nowNanos - WINDOW_NANOS || samples.size() > MAX_SAMPLES) {
        samples.removeFirst();
      } else {
        break;
      }
    }
    Sample base = samples.peekFirst();
    long elapsed = nowNanos - base.nanos();
    return elapsed <= 0 ? 0 : (count - base.count()) * 1e9 / elapsed;
  }

  private Sample secondOldest() {
    var it = samples.iterator();
    it.next();
    return it.next();
  }

  /** "0/s", "3.5/s", "1,234/s". */
  public static String format(double perSecond) {
    if (perSecond < 10) {
      return String.format(Locale.ROOT, "%.1f/s", perSecond).replace(".0/", "/");
    }
    return String.format(Locale.ROOT, "%,d/s", Math.round(perSecond));
  }
}
