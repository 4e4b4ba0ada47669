package dev.lwqueue.cli.tui.model;

import dev.lwqueue.core.Delivery;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest entries, bounded: the model the screens draw from. The transport thread appends; the
 * render thread reads a few entries per frame. Older entries are dropped from memory once the bound
 * is reached, so a flood cannot grow the heap, and appending never waits for the screen.
 *
 * <p>Every entry has a sequence number, counting from 0 in the order of appending; a screen that
 * scrolled back holds on to one, so new messages do not move what the user is reading.
 */
public final class MessageLog {

  public static final int DEFAULT_CAPACITY = 10_000;

  private final LogEntry[] ring;
  private long next; // sequence number of the next entry
  private long received;
  private volatile long version;

  public MessageLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.ring = new LogEntry[capacity];
  }

  /** Adds a delivery from the broker; it counts as received. Returns its sequence number. */
  public long add(Delivery delivery) {
    LogEntry entry = LogEntry.of(delivery); // the costly part, outside the lock
    synchronized (this) {
      received++;
      return append(entry);
    }
  }

  /** Adds an entry of lwqueue's own (a notice); it does not count as received. */
  public synchronized long add(LogEntry entry) {
    return append(entry);
  }

  private long append(LogEntry entry) {
    long seq = next++;
    ring[(int) (seq % ring.length)] = entry;
    version++;
    return seq;
  }

  public int capacity() {
    return ring.length;
  }

  /** How many deliveries were added, including those dropped since. */
  public synchronized long received() {
    return received;
  }

  /** How many entries are held now (at most the capacity). */
  public synchronized int size() {
    return (int) Math.min(next, ring.length);
  }

  /** How many entries were dropped to keep the bound. */
  public synchronized long dropped() {
    return Math.max(0, next - ring.length);
  }

  /** Changes whenever an entry is added; read without locking by the render thread. */
  public long version() {
    return version;
  }

  /** Sequence number of the newest entry, or -1 when empty. */
  public synchronized long newestSeq() {
    return next - 1;
  }

  /** Sequence number of the oldest entry still held; equals {@code newestSeq() + 1} when empty. */
  public synchronized long oldestSeq() {
    return Math.max(0, next - ring.length);
  }

  /** The entry with this sequence number, or {@code null} when it was dropped or does not exist yet. */
  public synchronized LogEntry get(long seq) {
    if (seq < Math.max(0, next - ring.length) || seq >= next) {
      return null;
    }
    return ring[(int) (seq % ring.length)];
  }

  /** Up to {@code count} entries, newest first, starting at {@code fromSeq} and going back in time. */
  public synchronized List<LogEntry> newestFirst(long fromSeq, int count) {
    long from = Math.min(fromSeq, next - 1);
    long oldest = Math.max(0, next - ring.length);
    List<LogEntry> out = new ArrayList<>(Math.max(0, (int) Math.min(count, from - oldest + 1)));
    for (long seq = from; seq >= oldest && out.size() < count; seq--) {
      out.add(ring[(int) (seq % ring.length)]);
    }
    return out;
  }
}
