package dev.lwqueue.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes one body until the broker confirms it or a deadline passes. A publish that failed
 * because the connection dropped is tried again once the transport has reconnected, with the same
 * body (so the same message id: receivers show it once even if both copies arrive). Nothing is
 * lost silently: after the deadline the caller gets a {@code NOT_CONFIRMED} failure. A refusal
 * ({@code REFUSED}, a nack) is an answer, not a lost connection: it is not tried again.
 */
public final class ConfirmedPublish {

  private static final long FIRST_PAUSE_MS = 100;
  private static final long MAX_PAUSE_MS = 2000;

  private ConfirmedPublish() {}

  /**
   * @return the receipt of the first confirmed attempt
   * @throws TransportException {@code NOT_CONFIRMED} when no attempt was confirmed by the deadline;
   *     other kinds (refused by the broker, closed transport, access refused) at once, as retrying
   *     cannot help
   */
  public static PublishReceipt publish(
      ChatTransport transport, byte[] body, Map<String, String> attributes, Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    long pause = FIRST_PAUSE_MS;
    int attempts = 0;
    TransportException last = null;
    while (true) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        break;
      }
      attempts++;
      try {
        return transport.publishRaw(body, attributes).get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        break;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TransportException te)) {
          throw new TransportException(
              TransportException.Kind.BROKER_ERROR, "publish failed: " + e.getCause(), e.getCause());
        }
        if (te.kind() != TransportException.Kind.NOT_CONFIRMED) {
          throw te;
        }
        last = te;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(TransportException.Kind.NOT_CONFIRMED,
            "interrupted before the broker confirmed the message: it may not have been delivered");
      }
      sleep(Math.min(pause, Math.max(0, (end - System.nanoTime()) / 1_000_000)));
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    }
    String tries = attempts == 1 ? "1 attempt" : attempts + " attempts";
    throw new TransportException(TransportException.Kind.NOT_CONFIRMED,
        "the broker did not confirm the message within " + seconds(deadline) + " s (" + tries
            + (last == null ? "" : "; last: " + last.getMessage()) + "): it may not have been delivered",
        last);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : String.format("%.1f", d.toMillis() / 1000.0);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(TransportException.Kind.NOT_CONFIRMED,
          "interrupted before the broker confirmed the message: it may not have been delivered");
    }
  }
}
