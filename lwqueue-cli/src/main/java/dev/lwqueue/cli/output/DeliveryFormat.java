package dev.lwqueue.cli.output;

import dev.lwqueue.core.Delivery;

/** Turns one delivery into one terminal-safe line of output, without the line break. */
@FunctionalInterface
public interface DeliveryFormat {

  /**
   * The most characters of a remote text shown on screen; the rest is cut with a marker saying how
   * much was left out ({@code --mode json} prints everything).
   */
  int MAX_SHOWN_CHARS = 2000;

  /** The most characters of a username shown on screen. */
  int MAX_NAME_CHARS = 64;

  String format(Delivery delivery);
}
