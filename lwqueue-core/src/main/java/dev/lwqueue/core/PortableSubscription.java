package dev.lwqueue.core;

import dev.lwqueue.core.driver.DriverSubscription;
import dev.lwqueue.core.driver.Inbox;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policies every backend's subscription follows, over the driver that speaks the protocol:
 *
 * <ul>
 *   <li>a delivery is acknowledged only after the handler returned and then its {@link
 *       DeliveryHandler#flush()} returned, in batches ({@link AckBatcher});
 *   <li>a handler that throws has not shown the message: it goes back to the broker, the
 *       subscription stops and fails ({@code FAILED} event, {@link #done()} failed); the same when
 *       the handler cannot finish its output, for everything not yet acknowledged;
 *   <li>a message whose id was handled before is acknowledged without reaching the handler;
 *   <li>after {@code maxMessages} distinct messages delivery stops; what the broker sent beyond
 *       them goes back unacknowledged;
 *   <li>after close no handler runs, and what arrives goes back.
 * </ul>
 *
 * One lock guards it all: the driver delivers on one thread at a time, the idle acknowledgement
 * runs on another, and close may come from any.
 */
final class PortableSubscription<A> implements Subscription, Inbox<A> {

  private static final Logger LOG = LoggerFactory.getLogger(PortableSubscription.class);

  private enum State {
    OPEN,
    /** maxMessages reached, or closed by the caller. */
    ENDED,
    FAILED
  }

  private final DriverSubscription<A> driver;
  private final DeliveryHandler handler;
  private final long maxMessages;
  private final RecentIds recent;
  private final AckBatcher<A> acks;
  private final Consumer<String> onFailure;
  private final Consumer<PortableSubscription<?>> onClose;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final Object lock = new Object();
  private State state = State.OPEN;
  private long handled;
  private boolean closeCalled;

  /**
   * @param onFailure told a one-line reason when the subscription fails; the transport turns it into
   *     a {@code FAILED} event
   * @param onClose told once, when closed
   */
  PortableSubscription(
      DriverSubscription<A> driver,
      SubscribeOptions options,
      DeliveryHandler handler,
      Consumer<String> onFailure,
      Consumer<PortableSubscription<?>> onClose) {
    this.driver = driver;
    this.handler = handler;
    this.maxMessages = options.maxMessages();
    this.recent = options.deduplicate() ? new RecentIds(RecentIds.DEFAULT_CAPACITY) : null;
    this.acks = new AckBatcher<>(lock, this::settle, AckBatcher.batchSizeFor(options.effectivePrefetch()),
        AckBatcher.IDLE_DELAY);
    this.onFailure = onFailure;
    this.onClose = onClose;
  }

  void start() {
    driver.start(this);
  }

  @Override
  public void deliver(Delivery delivery, A ackId) {
    synchronized (lock) {
      if (state != State.OPEN) {
        // On its way when delivery stopped: back to the broker, for the next run or another consumer.
        releaseQuietly(List.of(ackId));
        return;
      }
      String id = recent == null ? null : RecentIds.idOf(delivery);
      if (id != null && recent.contains(id)) {
        acks.handled(ackId); // shown before: acknowledged, not shown again, not counted
        return;
      }
      try {
        handler.onDelivery(delivery);
      } catch (RuntimeException e) {
        // Acknowledging would lose the message; delivering it again at once would loop. So it goes
        // back to the broker and this subscription stops: a durable queue keeps it for the next run.
        LOG.error("delivery handler failed on a message from {}; returning it and stopping", driver.describe(), e);
        settleShownBefore();
        fail("the message could not be shown (" + TerminalText.remote(e.getMessage())
            + "); it was returned to the queue unacknowledged", List.of(ackId));
        return;
      }
      if (recent != null) {
        recent.remember(id); // only once shown: if showing failed, the redelivery must be shown
      }
      acks.handled(ackId);
      if (maxMessages > 0 && ++handled >= maxMessages) {
        state = State.ENDED;
        driver.stop();
        acks.flush();
        done.complete(null);
      }
    }
  }

  @Override
  public void endOfBatch() {
    acks.flush();
  }

  @Override
  public void lost(String reason) {
    synchronized (lock) {
      if (state == State.OPEN) {
        fail(reason, List.of());
      }
    }
  }

  /**
   * What the handler showed before the message it failed on is acknowledged if its output can
   * still be finished (the failure may have been that one message's), otherwise returned with it.
   */
  private void settleShownBefore() {
    List<A> shown = acks.drain();
    if (shown.isEmpty()) {
      return;
    }
    try {
      handler.flush();
    } catch (RuntimeException e) {
      releaseQuietly(shown);
      return;
    }
    driver.acknowledge(shown);
  }

  /** Acknowledges a batch the handler finished; if it cannot finish, hands the batch back and fails. */
  private void settle(List<A> batch) {
    try {
      handler.flush();
    } catch (RuntimeException e) {
      LOG.error("could not finish showing messages from {}; returning them", driver.describe(), e);
      if (state == State.OPEN) {
        fail("messages could not be shown (" + TerminalText.remote(e.getMessage())
            + "); they were returned to the queue unacknowledged", batch);
      } else {
        releaseQuietly(batch);
      }
      return;
    }
    driver.acknowledge(batch);
  }

  /**
   * Stops for good: no more deliveries (stopped first, or the broker could hand a returned message
   * straight back), the failed ones and everything not yet acknowledged returned, the failure told.
   */
  private void fail(String reason, List<A> failed) {
    state = State.FAILED;
    driver.stop();
    releaseQuietly(failed);
    releaseQuietly(acks.drain());
    String detail = "no more messages from " + driver.describe() + ": " + reason;
    done.completeExceptionally(new TransportException(TransportException.Kind.CLOSED, detail));
    onFailure.accept(detail);
  }

  private void releaseQuietly(List<A> ackIds) {
    if (ackIds.isEmpty()) {
      return;
    }
    try {
      driver.release(ackIds);
    } catch (RuntimeException e) {
      LOG.debug("could not return {} deliveries to {}; they come back after their deadline", ackIds.size(),
          driver.describe(), e);
    }
  }

  @Override
  public String name() {
    return driver.name();
  }

  @Override
  public boolean durable() {
    return driver.durable();
  }

  @Override
  public String describe() {
    return driver.describe();
  }

  @Override
  public java.util.OptionalLong backlog() {
    return driver.backlog();
  }

  @Override
  public CompletionStage<Void> done() {
    return done;
  }

  /**
   * Stops delivering: when this returns no handler runs and none will. What was handled is
   * acknowledged if the handler can finish it, otherwise returned.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closeCalled) {
        return;
      }
      closeCalled = true;
      if (state == State.OPEN) {
        state = State.ENDED;
      }
      driver.stop();
      acks.flush();
    }
    try {
      driver.close();
    } finally {
      done.complete(null);
      onClose.accept(this);
    }
  }
}
