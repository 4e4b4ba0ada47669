package dev.lwqueue.rabbitmq;

import dev.lwqueue.core.CoalescedTask;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges handled deliveries of one channel with one {@code basic.ack multiple=true} per
 * batch instead of one per message: per-message acks cost a socket write each and were the
 * subscriber's largest cost at broker speed. Whatever is handled but not yet acknowledged is
 * acknowledged shortly after traffic stops ({@link #IDLE_DELAY}) and before the channel closes, so
 * a durable queue redelivers a handled message only if the process dies within that delay.
 *
 * <p>Correct because a channel's deliveries are handled one at a time, in delivery-tag order, so
 * when tag {@code n} is handled every lower tag was handled too. Deliveries a subscription
 * returns to the queue (after close, or when its handler failed) come after the last handled one
 * and are no longer outstanding, so a multiple ack never includes them.
 */
final class BatchedAcks {

  /** How long a handled delivery may wait for its acknowledgement when no more arrive. */
  static final Duration IDLE_DELAY = Duration.ofMillis(20);

  private static final Logger LOG = LoggerFactory.getLogger(BatchedAcks.class);

  /** Sends {@code basic.ack(tag, multiple=true)}. */
  @FunctionalInterface
  interface AckSender {
    void ackUpTo(long deliveryTag) throws IOException;
  }

  private final AckSender sender;
  private final int batchSize;
  private final CoalescedTask idleFlush;
  private long handled;
  private long acknowledged;
  private int pending;

  /**
   * @param batchSize deliveries per acknowledgement; below the prefetch, or the broker stops
   *     sending before a batch is full and only the idle flush moves things on
   */
  BatchedAcks(AckSender sender, int batchSize) {
    this(sender, batchSize, IDLE_DELAY);
  }

  BatchedAcks(AckSender sender, int batchSize, Duration idleDelay) {
    this.sender = sender;
    this.batchSize = Math.max(1, batchSize);
    this.idleFlush = new CoalescedTask(this::flush, idleDelay);
  }

  /** For a prefetch of {@code n}: a quarter of it, so the broker always has room to push ahead. */
  static int batchSizeFor(int prefetch) {
    return Math.max(1, prefetch / 4);
  }

  /** Records that the delivery with this tag was handled; acknowledges a full batch at once. */
  void handled(long deliveryTag) {
    boolean full;
    synchronized (this) {
      handled = Math.max(handled, deliveryTag);
      full = ++pending >= batchSize;
    }
    if (full) {
      flush();
    } else {
      idleFlush.request();
    }
  }

  /** Acknowledges everything handled so far. Safe from any thread; never throws. */
  synchronized void flush() {
    if (handled <= acknowledged) {
      return;
    }
    try {
      sender.ackUpTo(handled);
    } catch (IOException | RuntimeException e) {
      // A closed channel: its unacknowledged deliveries go back to the queue, which is the best
      // anyone can do now; amqp-client's recovery ignores tags of the channel before recovery.
      LOG.debug("acknowledgement up to delivery {} failed", handled, e);
    }
    acknowledged = handled;
    pending = 0;
  }
}
