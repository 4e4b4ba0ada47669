package dev.lwqueue.cli.bench;

import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;

/**
 * What a benchmark message carries in its text, so a subscriber can tell lost, duplicated and late
 * messages: the run it belongs to, the publisher, its sequence number, when it was published
 * (nanoseconds since the run started, on this process's monotonic clock) and whether it was
 * published during the warm-up. Fixed-width fields keep every body of a run the same size.
 *
 * @param run the run's id; messages of other runs on the same exchange are not counted
 * @param publisher the publisher's index, from 0
 * @param sequence the publisher's sequence number, from 0
 * @param sentNanos {@link System#nanoTime()} just before publishing, minus the run's start
 * @param warmup published during the warm-up: left out of rates and latencies
 */
public record BenchStamp(String run, int publisher, long sequence, long sentNanos, boolean warmup) {

  static final String PREFIX = "lwqueue-bench ";

  /** The chat message text, padded with {@code x} to {@code padding} more characters. */
  public String text(int padding) {
    StringBuilder text = new StringBuilder(64 + padding)
        .append(PREFIX).append(run).append(' ')
        .append(pad(publisher, 5)).append(' ')
        .append(pad(sequence, 12)).append(' ')
        .append(pad(sentNanos, 16)).append(' ')
        .append(warmup ? 'w' : 'm');
    if (padding > 0) {
      text.append(' ').append("x".repeat(padding - 1));
    }
    return text.toString();
  }

  /** The body of this stamp as a chat message from {@code bench-<publisher>}. */
  public byte[] body(int padding) {
    return ChatCodec.encode(ChatMessage.of(username(publisher), text(padding)));
  }

  public static String username(int publisher) {
    return "bench-" + publisher;
  }

  /** How many characters of padding make a body of {@code size} bytes, 0 if it cannot be that small. */
  public static int paddingFor(String run, int size) {
    int bare = new BenchStamp(run, 0, 0, 0, false).body(0).length;
    return Math.max(0, size - bare);
  }

  /** The smallest body a run can send. */
  public static int minimumSize(String run) {
    return new BenchStamp(run, 0, 0, 0, false).body(0).length;
  }

  /** Reads a stamp back from a message text; {@code null} for anything that is not one. */
  public static BenchStamp parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      return null;
    }
    String[] fields = text.substring(PREFIX.length()).split(" ", 6);
    if (fields.length < 5 || fields[4].length() != 1) {
      return null;
    }
    try {
      return new BenchStamp(
          fields[0],
          Integer.parseInt(fields[1]),
          Long.parseLong(fields[2]),
          Long.parseLong(fields[3]),
          fields[4].charAt(0) == 'w');
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String pad(long value, int width) {
    String digits = Long.toString(value);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }
}
