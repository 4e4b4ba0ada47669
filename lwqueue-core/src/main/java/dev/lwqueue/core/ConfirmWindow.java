package dev.lwqueue.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Keeps many publishes waiting for their confirmation at once, up to a limit, and counts how each
 * ended: the way to publish a stream of messages at broker speed without giving up on knowing that
 * every one of them arrived. Waiting one confirmation per message would cap a stream at one
 * message per round trip.
 */
public final class ConfirmWindow {

  private final int capacity;
  private final Semaphore free;
  private final Duration confirmTimeout;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong confirmed = new AtomicLong();
  private final AtomicLong unrouted = new AtomicLong();
  private final AtomicReference<TransportException> firstFailure = new AtomicReference<>();
  private volatile long lastSettledNanos;

  public ConfirmWindow(int capacity, Duration confirmTimeout) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the number of messages in flight must be at least 1");
    }
    this.capacity = capacity;
    this.free = new Semaphore(capacity);
    this.confirmTimeout = confirmTimeout;
  }

  /**
   * Publishes once a place in the window is free.
   *
   * @param onSettled told of the receipt or the failure, on a transport thread; may be null
   * @throws TransportException {@code NOT_CONFIRMED} when no confirmation came in for the whole
   *     confirm timeout, so the broker is not taking messages any more
   */
  public void publish(
      Supplier<CompletableFuture<PublishReceipt>> publish, BiConsumer<PublishReceipt, Throwable> onSettled)
      throws InterruptedException {
    if (!free.tryAcquire(confirmTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw stalled();
    }
    sent.incrementAndGet();
    CompletableFuture<PublishReceipt> future;
    try {
      future = publish.get();
    } catch (RuntimeException e) {
      settle(null, e, onSettled);
      throw e;
    }
    future.whenComplete((receipt, error) -> settle(receipt, error, onSettled));
  }

  /** Counts a message that could not even be published (too large, say) as not confirmed. */
  public void reject(TransportException reason) {
    sent.incrementAndGet();
    firstFailure.compareAndSet(null, reason);
  }

  private void settle(PublishReceipt receipt, Throwable error, BiConsumer<PublishReceipt, Throwable> onSettled) {
    try {
      if (error == null) {
        confirmed.incrementAndGet();
        if (receipt.routing() == PublishReceipt.Routing.UNROUTED) {
          unrouted.incrementAndGet();
        }
      } else {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause()
            : error;
        firstFailure.compareAndSet(null, cause instanceof TransportException te
            ? te
            : new TransportException(TransportException.Kind.BROKER_ERROR, "publish failed: " + cause, cause));
      }
      if (onSettled != null) {
        onSettled.accept(receipt, error);
      }
    } finally {
      lastSettledNanos = System.nanoTime();
      free.release();
    }
  }

  /**
   * Waits until every publish settled.
   *
   * @return whether all did; otherwise the confirm timeout ran out with some still waiting
   */
  public boolean awaitAll() throws InterruptedException {
    if (free.tryAcquire(capacity, confirmTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
      free.release(capacity);
      return true;
    }
    firstFailure.compareAndSet(null, stalled());
    return false;
  }

  private TransportException stalled() {
    return new TransportException(TransportException.Kind.NOT_CONFIRMED,
        "the broker confirmed nothing for " + confirmTimeout.toSeconds()
            + " s: messages still waiting may not have been delivered");
  }

  /** Messages handed to the broker or rejected before that. */
  public long sent() {
    return sent.get();
  }

  public long confirmed() {
    return confirmed.get();
  }

  public long unrouted() {
    return unrouted.get();
  }

  /** Sent but not confirmed (yet): refused, failed, rejected, or still waiting. */
  public long notConfirmed() {
    return sent.get() - confirmed.get();
  }

  public TransportException firstFailure() {
    return firstFailure.get();
  }

  /** When the last confirmation or failure came in, in {@link System#nanoTime()}. */
  public long lastSettledNanos() {
    return lastSettledNanos;
  }
}
