package dev.lwqueue.cli.bench;

import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConfirmWindow;
import dev.lwqueue.core.TransportException;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * One benchmark publisher: publishes its share of the messages through its own transport, at a
 * fixed rate or as fast as confirmations allow, and remembers which ones the broker confirmed so
 * the subscribers' counts can say what was lost.
 */
public final class PublisherRun {

  private final ChatTransport transport;
  private final int index;
  private final String run;
  private final long count;
  private final double rate;
  private final int padding;
  private final ConfirmWindow window;
  private final BitSet confirmed = new BitSet();
  private long measuredSent;
  private long firstMeasuredNanos;
  private TransportException stopped;

  /**
   * @param count how many messages to publish at most
   * @param rate messages per second; 0 for as fast as the window of confirmations allows
   * @param padding characters of padding per message (see {@link BenchStamp#paddingFor})
   */
  public PublisherRun(
      ChatTransport transport, int index, String run, long count, double rate, int padding,
      int maxInFlight, Duration confirmTimeout) {
    this.transport = transport;
    this.index = index;
    this.run = run;
    this.count = count;
    this.rate = rate;
    this.padding = padding;
    this.window = new ConfirmWindow(maxInFlight, confirmTimeout);
  }

  /**
   * Publishes until {@code count} messages were sent or {@code deadlineNanos} passed, then waits
   * for the outstanding confirmations.
   *
   * @param runStartNanos the run's origin, shared by all publishers and subscribers
   * @param warmupEndNanos messages published before this are marked as warm-up
   */
  public void publish(long runStartNanos, long warmupEndNanos, long deadlineNanos) throws InterruptedException {
    Map<String, String> attributes = Map.of(ChatTransport.USERNAME_ATTRIBUTE, BenchStamp.username(index));
    long begin = System.nanoTime();
    double intervalNanos = rate > 0 ? 1e9 / rate : 0;
    try {
      for (long seq = 0; seq < count; seq++) {
        if (intervalNanos > 0) {
          // Paced from the start, so a late message does not delay all the following ones.
          long due = begin + (long) (seq * intervalNanos);
          for (long wait; (wait = due - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
              throw new InterruptedException();
            }
          }
        }
        long now = System.nanoTime();
        if (now - deadlineNanos >= 0) {
          break;
        }
        boolean warmup = now - warmupEndNanos < 0;
        if (!warmup) {
          measuredSent++;
          if (firstMeasuredNanos == 0) {
            firstMeasuredNanos = now;
          }
        }
        byte[] body = new BenchStamp(run, index, seq, now - runStartNanos, warmup).body(padding);
        long sequence = seq;
        window.publish(
            () -> transport.publishRaw(body, attributes),
            (receipt, error) -> {
              if (error == null) {
                synchronized (confirmed) {
                  confirmed.set((int) sequence);
                }
              }
            });
      }
    } catch (TransportException e) {
      stopped = e; // the broker stalled; what was confirmed still counts
    }
    window.awaitAll();
  }

  /** The sequence numbers the broker confirmed. */
  public BitSet confirmed() {
    synchronized (confirmed) {
      return (BitSet) confirmed.clone();
    }
  }

  public int index() {
    return index;
  }

  public long sent() {
    return window.sent();
  }

  public long notConfirmed() {
    return window.notConfirmed();
  }

  /** Why publishing stopped early, or the first failure; {@code null} when all went well. */
  public TransportException problem() {
    return stopped != null ? stopped : window.firstFailure();
  }

  /** Messages per second published after the warm-up, up to the last confirmation. */
  public double rate() {
    long span = window.lastSettledNanos() - firstMeasuredNanos;
    return measuredSent < 1 || firstMeasuredNanos == 0 || span <= 0 ? 0 : measuredSent * 1e9 / span;
  }

  public long measuredSent() {
    return measuredSent;
  }
}
