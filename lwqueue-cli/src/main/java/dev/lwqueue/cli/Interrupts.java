package dev.lwqueue.cli;

import sun.misc.Signal;

/**
 * Ctrl-C interrupts the main thread, so a waiting command closes its subscription and connection
 * and exits normally; a second Ctrl-C exits at once.
 */
final class Interrupts {

  private Interrupts() {}

  static void interruptOnCtrlC(Thread target) {
    try {
      Signal.handle(new Signal("INT"), new Handler(target));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // No SIGINT on this platform: the JVM's default (exit 130) still applies.
    }
  }

  /**
   * SIGTERM interrupts the target too, for the long-running services ({@code webhook},
   * {@code serve}) that a supervisor stops that way: they finish their work before exiting.
   */
  static void interruptOnTerm(Thread target) {
    try {
      Signal.handle(new Signal("TERM"), new Handler(target));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // No SIGTERM here: the JVM's default applies.
    }
  }

  private static final class Handler implements sun.misc.SignalHandler {
    private final Thread target;
    private volatile boolean once;

    Handler(Thread target) {
      this.target = target;
    }

    @Override
    public void handle(Signal signal) {
      if (once || !target.isAlive()) {
        Runtime.getRuntime().halt(130);
      }
      once = true;
      target.interrupt();
    }
  }
}
