package dev.lwqueue.cli;

import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConfirmWindow;
import dev.lwqueue.core.TerminalText;
import dev.lwqueue.core.TransportException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code send-message --bot}: posts a random quote as its author, then waits a random time, until
 * Ctrl-C or the count. With no wait it floods, many confirmations outstanding at once like
 * {@code --stdin}; every quote is accounted for in the closing summary.
 */
final class BotSender {

  /** The original bot waits between the given seconds and 20 more. */
  static final double SPREAD_SECONDS = 20;

  private final BotOptions options;
  private final Duration confirmTimeout;
  private final int maxInFlight;

  BotSender(BotOptions options, Duration confirmTimeout, int maxInFlight) {
    this.options = options;
    this.confirmTimeout = confirmTimeout;
    this.maxInFlight = maxInFlight;
  }

  ExitCode run(ConnectionOptions connection, PrintWriter out, PrintWriter err) {
    if (options.waitSeconds < 0 || options.count < 0) {
      throw new UserError(ExitCode.USAGE, "--bot-wait-s and --bot-count may not be negative");
    }
    if (maxInFlight < 1) {
      throw new UserError(ExitCode.USAGE, "--max-in-flight must be at least 1");
    }
    List<Quotes.Quote> quotes = options.file == null ? Quotes.shipped() : Quotes.fromFile(options.file);
    boolean flood = options.waitSeconds == 0;
    ConfirmWindow window = new ConfirmWindow(flood ? maxInFlight : 1, confirmTimeout);
    long start = 0;
    String interrupted = null;
    String describe;
    try (ChatTransport transport = Transports.open(connection)) {
      describe = transport.describe();
      try {
        for (long n = 0; options.count == 0 || n < options.count; n++) {
          if (n > 0 && !flood) {
            Thread.sleep(Math.round((options.waitSeconds + ThreadLocalRandom.current().nextDouble() * SPREAD_SECONDS) * 1000));
          }
          if (start == 0) {
            start = System.nanoTime();
          }
          Quotes.Quote quote = quotes.get(ThreadLocalRandom.current().nextInt(quotes.size()));
          ChatMessage message = ChatMessage.stamped(quote.author(), quote.text());
          byte[] body = ChatCodec.encode(message);
          Map<String, String> attributes = Map.of(ChatTransport.USERNAME_ATTRIBUTE, message.username());
          window.publish(() -> transport.publishRaw(body, attributes), null);
          if (!flood) {
            synchronized (out) {
              out.println("Sent " + TerminalText.sanitize(new String(body, StandardCharsets.UTF_8)));
              out.flush();
            }
          }
        }
      } catch (InterruptedException e) {
        interrupted = "stopped by a signal";
      } catch (TransportException e) {
        if (e.kind() != TransportException.Kind.NOT_CONFIRMED) {
          throw e;
        }
      }
      SendSummary.awaitConfirmations(window);
    }
    SendSummary.report(window, 0, start, describe, interrupted, err);
    return window.notConfirmed() == 0 ? ExitCode.OK : ExitCode.NOT_CONFIRMED;
  }
}
