package dev.lwqueue.cli.bench;

import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.DeliveryHandler;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One benchmark subscriber: counts what arrives, per publisher and sequence number, and records
 * each message's latency from just before it was published to the start of this handler. Both
 * ends read the same monotonic clock of this process, so no clock skew is involved.
 */
public final class SubscriberStats implements DeliveryHandler {

  private final String run;
  private final long runStartNanos;
  private final BitSet[] seen;
  /** Latency in microseconds, three significant digits. */
  private final Histogram latency = new Histogram(3);
  private long distinct;
  private long duplicated;
  private long foreign;
  private long measured;
  private long firstMeasuredNanos;
  private long lastMeasuredNanos;

  public SubscriberStats(String run, int publishers, long runStartNanos) {
    this.run = run;
    this.runStartNanos = runStartNanos;
    this.seen = new BitSet[publishers];
    for (int i = 0; i < publishers; i++) {
      seen[i] = new BitSet();
    }
  }

  @Override
  public void onDelivery(Delivery delivery) {
    long now = System.nanoTime();
    ChatMessage message = delivery.message();
    BenchStamp stamp = message == null ? null : BenchStamp.parse(message.message());
    synchronized (this) {
      if (stamp == null || !stamp.run().equals(run) || stamp.publisher() < 0 || stamp.publisher() >= seen.length
          || stamp.sequence() < 0 || stamp.sequence() > Integer.MAX_VALUE) {
        foreign++;
        return;
      }
      BitSet bits = seen[stamp.publisher()];
      int sequence = (int) stamp.sequence();
      if (bits.get(sequence)) {
        duplicated++;
        return;
      }
      bits.set(sequence);
      distinct++;
      if (!stamp.warmup()) {
        measured++;
        if (firstMeasuredNanos == 0) {
          firstMeasuredNanos = now;
        }
        lastMeasuredNanos = now;
        latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - runStartNanos - stamp.sentNanos())));
      }
    }
  }

  /** Distinct messages of this run received so far. */
  public synchronized long distinct() {
    return distinct;
  }

  /** Whether every message in {@code confirmed} (one set of sequence numbers per publisher) arrived. */
  public synchronized boolean hasAll(BitSet[] confirmed) {
    return missing(confirmed) == 0;
  }

  /** How many messages the broker confirmed that never arrived here. */
  public synchronized long missing(BitSet[] confirmed) {
    long missing = 0;
    for (int p = 0; p < confirmed.length; p++) {
      BitSet notSeen = (BitSet) confirmed[p].clone();
      notSeen.andNot(seen[p]);
      missing += notSeen.cardinality();
    }
    return missing;
  }

  public synchronized long duplicated() {
    return duplicated;
  }

  /** Messages on the exchange that were not this run's (somebody else's, or another run's). */
  public synchronized long foreign() {
    return foreign;
  }

  /** Messages counted for rates and latency: received once, published after the warm-up. */
  public synchronized long measured() {
    return measured;
  }

  /** Messages per second between the first and the last measured message; 0 below two of them. */
  public synchronized double rate() {
    long span = lastMeasuredNanos - firstMeasuredNanos;
    return measured < 2 || span <= 0 ? 0 : (measured - 1) * 1e9 / span;
  }

  /** A copy of the latency histogram, in microseconds. */
  public synchronized Histogram latency() {
    return latency.copy();
  }
}
