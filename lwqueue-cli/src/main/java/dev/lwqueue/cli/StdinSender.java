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
      SendSummary.awaitConfirmations(window);
    }
    SendSummary.report(window, blank, start, describe,
        interrupted ? "stopped by a signal: lines after the last one sent were not read" : null, err);
    if (window.notConfirmed() == 0) {
      return ExitCode.OK;
    }
    return window.notConfirmed() == tooLarge ? ExitCode.MESSAGE_TOO_LARGE : ExitCode.NOT_CONFIRMED;
  }
}
