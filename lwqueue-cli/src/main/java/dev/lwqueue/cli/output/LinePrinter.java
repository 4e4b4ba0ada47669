package dev.lwqueue.cli.output;

import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.DeliveryHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Prints each delivery as one line through a format. Returning means the line reached the output,
 * which is what lets the transport acknowledge the message; if the output is gone (a closed pipe),
 * this throws, so the message is not acknowledged and a durable queue keeps it.
 */
public final class LinePrinter implements DeliveryHandler {

  private final PrintWriter out;
  private final DeliveryFormat format;

  public LinePrinter(PrintWriter out, DeliveryFormat format) {
    this.out = out;
    this.format = format;
  }

  @Override
  public void onDelivery(Delivery delivery) {
    String line = format.format(delivery);
    synchronized (out) {
      out.println(line);
      // checkError flushes, and reports whether any write so far failed.
      if (out.checkError()) {
        throw new UncheckedIOException(new IOException("the output is closed"));
      }
    }
  }
}
