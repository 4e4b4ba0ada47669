package dev.lwqueue.cli.output;

import dev.lwqueue.core.CoalescedTask;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.DeliveryHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Prints each delivery as one line through a format. Lines are buffered and written out shortly
 * after they were printed ({@link #FLUSH_DELAY}), not one write per line: at broker speed a write
 * per line costs more than everything else a subscriber does, and a reader never waits longer than
 * the delay for a line.
 *
 * <p>The transport calls {@link #flush()} before it acknowledges what this printer returned from;
 * if the output is gone (a closed pipe), flush throws, so those messages are not acknowledged and
 * a durable queue keeps them: a line that never reached the output is never acknowledged.
 */
public final class LinePrinter implements DeliveryHandler {

  /** The longest a printed line waits in the buffer; short enough that nobody can see it. */
  public static final Duration FLUSH_DELAY = Duration.ofMillis(10);

  private final PrintWriter out;
  private final DeliveryFormat format;
  private final CoalescedTask pendingFlush;

  public LinePrinter(PrintWriter out, DeliveryFormat format) {
    this.out = out;
    this.format = format;
    this.pendingFlush = new CoalescedTask(this::writeOut, FLUSH_DELAY);
  }

  @Override
  public void onDelivery(Delivery delivery) {
    String line = format.format(delivery);
    synchronized (out) {
      out.println(line);
    }
    pendingFlush.request();
  }

  /** Writes out every line printed so far; throws if any write so far failed. */
  @Override
  public void flush() {
    synchronized (out) {
      // checkError flushes, and reports whether any write so far failed.
      if (out.checkError()) {
        throw new UncheckedIOException(new IOException("the output is closed"));
      }
    }
  }

  /** The timer's flush: a failure is reported by the next {@link #flush()}, before any acknowledgement. */
  private void writeOut() {
    synchronized (out) {
      out.flush();
    }
  }
}
