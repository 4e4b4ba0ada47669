package dev.lwqueue.cli;

import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConfirmWindow;
import dev.lwqueue.core.TransportException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code send-message --stdin}: one chat message per input line, in order, over one connection,
 * with many confirmations outstanding at once (like {@code nats pub --send-on newline} or
 * {@code kcat -P}). Every line is accounted for in the closing summary.
 */
final class StdinSender {

  private final String username;
  private final String recipient;
  private final Duration confirmTimeout;
  private final int maxInFlight;
  private final int maxBytes;

  /** @param recipient the account every line is sent to privately, or null for the room */
  StdinSender(String username, String recipient, Duration confirmTimeout, int maxInFlight, int maxBytes) {
    this.username = username;
    this.recipient = recipient;
    this.confirmTimeout = confirmTimeout;
    this.maxInFlight = maxInFlight;
    this.maxBytes = maxBytes;
  }

  ExitCode send(ConnectionOptions connection, InputStream input, PrintWriter err) {
    if (maxInFlight < 1) {
      throw new UserError(ExitCode.USAGE, "--max-in-flight must be at least 1");
    }
    ConfirmWindow window = new ConfirmWindow(maxInFlight, confirmTimeout);
    Map<String, String> attributes = recipient == null ? Map.of(ChatTransport.USERNAME_ATTRIBUTE, username)
        : ChatTransport.privateAttributes(username, recipient);
    long blank = 0;
    long tooLarge = 0;
    long start = 0;
    boolean interrupted = false;
    String describe;
    StdinLines lines = new StdinLines(input);
    try (ChatTransport transport = Transports.open(connection)) {
      describe = transport.describe();
      int limit = Math.min(maxBytes, transport.capabilities().maxMessageBytes());
      long lineNumber = 0;
      try {
        for (List<String> batch; (batch = lines.next()) != null; ) {
          for (String line : batch) {
            lineNumber++;
            if (start == 0) {
              start = System.nanoTime();
            }
            if (line.isBlank()) {
              blank++;
              continue;
            }
            byte[] body = ChatCodec.encode(ChatMessage.stamped(username, line));
            if (body.length > limit) {
              tooLarge++;
              window.reject(new TransportException(TransportException.Kind.MESSAGE_TOO_LARGE,
                  "line " + lineNumber + " is " + body.length + " bytes as a message, over the limit of "
                      + limit + " bytes (--max-bytes): not sent"));
              continue;
            }
            window.publish(() -> transport.publishRaw(body, attributes), null);
          }
        }
      } catch (InterruptedException e) {
        interrupted = true; // a stop signal: stop reading, still account for what was sent
      } catch (TransportException e) {
        if (e.kind() != TransportException.Kind.NOT_CONFIRMED) {
          throw e;
        }
        // the broker stalled: the summary below says how many were not confirmed
      }
      awaitConfirmations(window);
    }
    report(window, blank, start, describe,
        interrupted ? "stopped by a signal: lines after the last one sent were not read" : null, err);
    if (window.notConfirmed() == 0) {
      return ExitCode.OK;
    }
    return window.notConfirmed() == tooLarge ? ExitCode.MESSAGE_TOO_LARGE : ExitCode.NOT_CONFIRMED;
  }

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
