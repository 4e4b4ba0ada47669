package dev.lwqueue.cli.output;

import dev.lwqueue.core.Delivery;

/** Turns one delivery into one terminal-safe line of output, without the line break. */
@FunctionalInterface
public interface DeliveryFormat {
  String format(Delivery delivery);
}
