package dev.lwqueue.archive;

import dev.lwqueue.core.DeliveryHandler;
import dev.lwqueue.core.Subscription;
import dev.lwqueue.core.TransportException;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An archiver fed by a subscription, kept going through database outages. A transport ends a
 * subscription whose handler could not finish (the messages go back to the queue unacknowledged);
 * when that happened because the database is down, this waits for the database and subscribes
 * again. Any other end of the subscription ends the session. Knows no broker: the caller says how
 * to subscribe.
 */
public final class ArchiveSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ArchiveSession.class);

  /** Subscribes a handler to the room's durable queue or subscription. */
  @FunctionalInterface
  public interface Subscriber {
    Subscription subscribe(DeliveryHandler handler);
  }

  private final Archiver archiver;
  private final Subscriber subscriber;
  private final BlockingQueue<Throwable> ended = new LinkedBlockingQueue<>();
  private volatile Subscription subscription;

  public ArchiveSession(Archiver archiver, Subscriber subscriber) {
    this.archiver = archiver;
    this.subscriber = subscriber;
  }

  /** Subscribes; the transport's exceptions (a missing queue, a refused login) come through. */
  public Subscription start() {
    subscription = subscribe();
    return subscription;
  }

  private Subscription subscribe() {
    Subscription s = subscriber.subscribe(archiver);
    s.done().whenComplete((ignored, failure) -> {
      if (failure != null) {
        ended.offer(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
      }
    });
    return s;
  }

  /**
   * Runs until interrupted (a normal stop), or throws the {@link TransportException} that ended the
   * subscription for a reason other than the database.
   */
  public void run() {
    while (!Thread.currentThread().isInterrupted()) {
      Throwable reason;
      try {
        reason = ended.take();
      } catch (InterruptedException e) {
        return;
      }
      if (!archiver.isDown()) {
        throw reason instanceof TransportException te ? te
            : new TransportException(TransportException.Kind.CLOSED, String.valueOf(reason.getMessage()), reason);
      }
      LOG.info("subscription ended while the database is down ({}); subscribing again once it is back",
          reason.getMessage());
      archiver.awaitDatabase();
      if (archiver.isDown()) {
        return; // stopped while waiting
      }
      close(subscription);
      subscription = subscribe();
    }
  }

  /** Messages waiting in the queue for the archive, when the broker can say. */
  public OptionalLong backlog() {
    Subscription s = subscription;
    return s == null ? OptionalLong.empty() : s.backlog();
  }

  private static void close(Subscription s) {
    if (s != null) {
      s.close();
    }
  }

  /** Stops: what was stored is acknowledged, what was not goes back to the queue. */
  @Override
  public void close() {
    archiver.stop();
    close(subscription);
    archiver.close();
  }
}
