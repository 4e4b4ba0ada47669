package dev.lwqueue.core.driver;

import dev.lwqueue.core.Capabilities;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.core.SubscribeOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a backend implements: its protocol and nothing else, in the manner of Go CDK's {@code
 * driver.Topic}. The portable {@link dev.lwqueue.core.PortableTransport} wraps a driver and owns
 * every policy the backends share: closed state and closed-transport errors, the set of open
 * subscriptions, connection listeners, acknowledging only what the handler finished, the
 * handler-failure policy, de-duplication and {@code maxMessages}.
 *
 * <p>A driver is opened with a {@link dev.lwqueue.core.ConnectionListener} to report RECOVERING,
 * RECOVERED and FAILED connection events to; the portable type tells its listeners and drops
 * events once it is closed. The portable type never calls a driver after {@link #close()}, and
 * calls {@link #close()} once, after closing every subscription.
 *
 * <p>To extend: a new publish attribute travels in {@code attributes} (a driver maps it to a
 * header or attribute); per-delivery metadata a broker vouches for (a verified sender account,
 * say) goes into the {@link dev.lwqueue.core.Delivery} the driver builds.
 */
public interface TransportDriver {

  /**
   * Publishes a body as it is, with attributes as broker-level metadata (AMQP headers, Pub/Sub
   * attributes). Completes once the broker accepted the message; fails with a {@link
   * dev.lwqueue.core.TransportException} ({@code REFUSED} when the broker refused it).
   */
  CompletableFuture<PublishReceipt> publish(byte[] body, Map<String, String> attributes);

  /**
   * Declares or creates what a subscription needs (a queue and its binding, a Pub/Sub
   * subscription) and fails with a {@link dev.lwqueue.core.TransportException} when it cannot.
   * Nothing is delivered before {@link DriverSubscription#start}. Uses {@link
   * SubscribeOptions#effectivePrefetch()}; the other policies of the options are the portable type's.
   */
  DriverSubscription<?> subscribe(SubscribeOptions options);

  Capabilities capabilities();

  /** Where this driver is connected, for status lines; never contains a password. */
  String describe();

  /** The room's name as the broker knows it: the RabbitMQ exchange, the Pub/Sub topic. */
  String room();

  /** Closes the connection and fails publishes not yet confirmed with {@code CLOSED}. */
  void close();
}
