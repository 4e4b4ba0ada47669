package dev.lwqueue.cli;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT), {@code kill} (SIGTERM) and a closed terminal (SIGHUP) all stop a command the
 * same way: they interrupt the main thread, so a waiting command writes out and acknowledges what
 * it holds, deletes its temporary queue or subscription, gives the terminal back, closes its
 * connection, and exits as if the user had left (README, "Signals"). Handling the signals, rather
 * than running shutdown hooks, keeps that clean-up on the main thread, in order, before the exit.
 * A second signal exits at once with 128 + its number, as a shell reports a signal.
 */
final class Interrupts {

  /** The signals that stop a command: the terminal's, a supervisor's, and a closed terminal's. */
  static final String[] STOP_SIGNALS = {"INT", "TERM", "HUP"};

  private Interrupts() {}

  static void interruptOnStopSignals(Thread target) {
    Handler handler = new Handler(target);
    for (String name : STOP_SIGNALS) {
      try {
        Signal.handle(new Signal(name), handler);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // No such signal on this platform, or the JVM keeps it (-Xrs): its default applies.
      }
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
        Runtime.getRuntime().halt(128 + signal.getNumber());
      }
      once = true;
      target.interrupt();
    }
  }
}
