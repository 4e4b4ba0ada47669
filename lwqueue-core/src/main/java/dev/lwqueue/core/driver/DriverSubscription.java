package dev.lwqueue.core.driver;

import java.util.List;
import java.util.OptionalLong;

/**
 * One backend subscription: receives, acknowledges, hands back. {@code A} is the backend's
 * acknowledgement id (an AMQP delivery tag, a Pub/Sub ack id), opaque to the portable type.
 *
 * <p>Lifecycle: {@link #start} once; then any number of {@link #acknowledge} and {@link #release};
 * {@link #stop} (possibly several times, possibly on the delivering thread); {@link #close} once.
 */
public interface DriverSubscription<A> {

  /** The queue or subscription name the broker knows it by. */
  String name();

  /** Whether messages published while nobody listens wait for it. */
  boolean durable();

  /** What the broker calls it, with its name: {@code queue 'q'}, {@code subscription 's'}. */
  String describe();

  /** Messages waiting in the broker for it, when the broker can say; see {@link dev.lwqueue.core.Subscription#backlog()}. */
  default OptionalLong backlog() {
    return OptionalLong.empty();
  }

  /**
   * Starts delivering to the inbox: one delivery at a time, in the broker's order, from one thread
   * at a time. May throw a {@link dev.lwqueue.core.TransportException} when the broker refuses the
   * subscription at once.
   */
  void start(Inbox<A> inbox);

  /**
   * Acknowledges these deliveries, in delivery order; every earlier delivery not in the list was
   * acknowledged or released before. Failures (a closed channel) are the driver's to swallow: what
   * is not acknowledged comes back, which de-duplication absorbs.
   */
  void acknowledge(List<A> ackIds);

  /** Hands these deliveries back to the broker for another delivery, as soon as it can. */
  void release(List<A> ackIds);

  /**
   * Stops receiving: no new delivery starts after this returns, except those already on their way,
   * which the portable type releases. Must not wait for the delivering thread (it may be that
   * thread). A driver may release deliveries it holds after stop itself.
   */
  void stop();

  /**
   * Frees the subscription after {@link #stop()} and the last acknowledgement: closes its channel,
   * deletes a temporary subscription. May wait for the delivering thread, unless called on it.
   */
  void close();
}
