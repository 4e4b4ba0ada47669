package dev.lwqueue.cli.output;

import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.DeliveryHandler;
import java.io.PrintWriter;

/** Prints each delivery as one line through a format. */
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
      out.flush();
    }
  }
}
