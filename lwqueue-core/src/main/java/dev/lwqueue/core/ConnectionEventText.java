package dev.lwqueue.core;

import java.time.Duration;
import java.util.Locale;

/**
 * The one way a connection event becomes text for a person, whatever shows it (a status line on
 * stderr, the chat's log, the full-screen status bar): one line, and terminal-safe, since the
 * detail carries text from the network (a close reason, a channel error, a Pub/Sub status).
 */
public final class ConnectionEventText {

  private ConnectionEventText() {}

  /** "reconnecting… (why)", "back after 3.2 s", or why the connection or subscription ended. */
  public static String of(ConnectionEvent event) {
    return switch (event.state()) {
      case RECOVERING -> "reconnecting… (" + detail(event) + ")";
      case RECOVERED -> "back after " + seconds(event.downtime());
      case FAILED -> detail(event);
    };
  }

  /** The event's detail alone, terminal-safe and cut to one line. */
  public static String detail(ConnectionEvent event) {
    return TerminalText.remote(event.detail());
  }

  /** "0.4 s" below ten seconds, whole seconds above. */
  public static String seconds(Duration d) {
    double s = d.toMillis() / 1000.0;
    return s < 10 ? String.format(Locale.ROOT, "%.1f s", s) : Math.round(s) + " s";
  }
}
