package dev.lwqueue.cli;

import dev.lwqueue.core.ConfirmWindow;
import dev.lwqueue.core.TransportException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The end of a sender of many messages ({@code send-message --stdin}, {@code --bot}): waiting for
 * what the broker has yet to confirm, and the closing summary that accounts for every message.
 */
final class SendSummary {

  private SendSummary() {}

  /** Waits up to --confirm-timeout for what is outstanding; a second interrupt is a second signal, which halts. */
  static void awaitConfirmations(ConfirmWindow window) {
    while (true) {
      try {
        window.awaitAll();
        return;
      } catch (InterruptedException e) {
        // a stop signal during the wait: the wait is what the stop asks for, so keep waiting
      }
    }
  }

  /** The closing summary of a sender of many messages; {@code interrupted} says what a stop cut short, if it did. */
  static void report(
      ConfirmWindow window, long blank, long start, String describe, String interrupted, PrintWriter err) {
    double seconds = start == 0 ? 0 : Math.max(1, window.lastSettledNanos() - start) / 1e9;
    StringBuilder line = new StringBuilder("lwqueue: ")
        .append(window.confirmed()).append(" of ").append(window.sent()).append(" messages confirmed by the broker");
    if (window.confirmed() > 0 && seconds > 0) {
      line.append(String.format(Locale.ROOT, " in %.2f s (%.0f msg/s)", seconds, window.confirmed() / seconds));
    }
    if (blank > 0) {
      line.append(", ").append(blank).append(blank == 1 ? " blank line" : " blank lines").append(" skipped");
    }
    synchronized (err) {
      err.println(line);
      if (window.unrouted() > 0) {
        err.println("lwqueue: " + window.unrouted() + " of them reached nobody: no one was subscribed to "
            + describe + " at the time");
      }
      if (window.notConfirmed() > 0) {
        TransportException first = window.firstFailure();
        err.println("lwqueue: error: " + window.notConfirmed() + " not confirmed, they may not have been delivered"
            + (first == null ? "" : "; first problem: " + first.getMessage()));
      }
      if (interrupted != null) {
        err.println("lwqueue: " + interrupted);
      }
      err.flush();
    }
  }
}
