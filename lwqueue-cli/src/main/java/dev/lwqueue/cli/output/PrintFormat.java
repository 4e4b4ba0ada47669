package dev.lwqueue.cli.output;

import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.TerminalText;

/** {@code Received <body>}, exactly like the original exercise's consumer, but terminal-safe. */
public final class PrintFormat implements DeliveryFormat {

  @Override
  public String format(Delivery delivery) {
    return "Received " + TerminalText.display(delivery.bodyText(), MAX_SHOWN_CHARS);
  }
}
