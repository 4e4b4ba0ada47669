package dev.lwqueue.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects handled deliveries and settles them in batches instead of one by one: per-message
 * acknowledgements cost a socket write or an RPC each and were a subscriber's largest cost at broker
 * speed. What is handled but not yet settled is settled shortly after traffic stops ({@link
 * #IDLE_DELAY}) and on {@link #flush()}, so a durable queue redelivers a handled message only if
 * the process dies within that delay.
 *
 * <p>Guarded by the lock given at construction, which the caller also holds while it adds, so
 * settling never interleaves with a delivery.
 */
final class AckBatcher<A> {

  /** How long a handled delivery may wait for its acknowledgement when no more arrive. */
  static final Duration IDLE_DELAY = Duration.ofMillis(20);

  private static final Logger LOG = LoggerFactory.getLogger(AckBatcher.class);

  private final Object lock;
  private final Consumer<List<A>> settle;
  private final int batchSize;
  private final CoalescedTask idleFlush;
  private List<A> pending = new ArrayList<>();

  /**
   * @param settle acknowledges a batch, in delivery order; a batch is handed over once, even when
   *     settling it throws
   * @param batchSize deliveries per batch; below the prefetch, or the broker stops sending before a
   *     batch is full and only the idle flush moves things on
   */
  AckBatcher(Object lock, Consumer<List<A>> settle, int batchSize, Duration idleDelay) {
    this.lock = lock;
    this.settle = settle;
    this.batchSize = Math.max(1, batchSize);
    this.idleFlush = new CoalescedTask(this::flush, idleDelay);
  }

  /** For a prefetch of {@code n}: a quarter of it, so the broker always has room to push ahead. */
  static int batchSizeFor(int prefetch) {
    return Math.max(1, prefetch / 4);
  }

  /** Records a handled delivery; settles a full batch at once. */
  void handled(A ackId) {
    synchronized (lock) {
      pending.add(ackId);
      if (pending.size() >= batchSize) {
        flush();
        return;
      }
    }
    idleFlush.request();
  }

  /** Settles everything handled so far. Safe from any thread; never throws. */
  void flush() {
    synchronized (lock) {
      if (pending.isEmpty()) {
        return;
      }
      List<A> batch = pending;
      pending = new ArrayList<>(Math.min(batchSize, 1024));
      try {
        settle.accept(batch);
      } catch (RuntimeException e) {
        LOG.debug("settling {} deliveries failed", batch.size(), e);
      }
    }
  }

  /** Takes what is not yet settled, to hand it back instead. */
  List<A> drain() {
    synchronized (lock) {
      List<A> batch = pending;
      pending = new ArrayList<>();
      return batch;
    }
  }
}
