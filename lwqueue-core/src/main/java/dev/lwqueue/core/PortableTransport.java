package dev.lwqueue.core;

import dev.lwqueue.core.driver.DriverSubscription;
import dev.lwqueue.core.driver.TransportDriver;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link ChatTransport}: a portable type over a backend's {@link TransportDriver}, in the
 * manner of Go CDK's {@code pubsub.Topic} over {@code driver.Topic}. It owns what every backend
 * shares, so that it behaves the same on all of them: the closed state and its errors, the open
 * subscriptions and closing them, the connection listeners, and, through {@link
 * PortableSubscription}, acknowledging only what the handler finished, the handler-failure policy,
 * de-duplication and {@code maxMessages}. A backend opens one with {@link #open}.
 */
public final class PortableTransport implements ChatTransport {

  private static final Logger LOG = LoggerFactory.getLogger(PortableTransport.class);

  private final TransportDriver driver;
  private final ConnectionListeners listeners;
  private final Set<PortableSubscription<?>> subscriptions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private PortableTransport(TransportDriver driver, ConnectionListeners listeners) {
    this.driver = driver;
    this.listeners = listeners;
  }

  /**
   * Opens a driver and wraps it. The driver is given the listener to report connection events to
   * before it connects, so events during a later recovery reach listeners added after this returns.
   * A driver that cannot connect throws a {@link TransportException}.
   */
  public static ChatTransport open(Function<ConnectionListener, TransportDriver> opener) {
    ConnectionListeners listeners = new ConnectionListeners(e -> LOG.warn("connection listener failed", e));
    PortableTransport[] self = new PortableTransport[1];
    TransportDriver driver = opener.apply(event -> {
      // Events that arrive after close are the echo of closing, not news.
      if (self[0] == null || !self[0].closed) {
        emit(listeners, event);
      }
    });
    self[0] = new PortableTransport(Objects.requireNonNull(driver, "driver"), listeners);
    return self[0];
  }

  private static void emit(ConnectionListeners listeners, ConnectionEvent event) {
    LOG.info("connection event {}: {}", event.state(), event.detail());
    listeners.onEvent(event);
  }

  /** The error of every operation on a closed transport. */
  public static TransportException closedException() {
    return new TransportException(TransportException.Kind.CLOSED, "the transport is closed");
  }

  @Override
  public CompletableFuture<PublishReceipt> publishRaw(byte[] body, Map<String, String> attributes) {
    if (closed) {
      return CompletableFuture.failedFuture(closedException());
    }
    return driver.publish(body, attributes);
  }

  @Override
  public Subscription subscribe(SubscribeOptions options, DeliveryHandler handler) {
    Objects.requireNonNull(handler, "handler");
    if (closed) {
      throw closedException();
    }
    return start(driver.subscribe(options), options, handler);
  }

  private <A> Subscription start(DriverSubscription<A> ds, SubscribeOptions options, DeliveryHandler handler) {
    PortableSubscription<A> subscription =
        new PortableSubscription<>(ds, options, handler, this::failed, subscriptions::remove);
    subscriptions.add(subscription);
    try {
      subscription.start();
    } catch (RuntimeException e) {
      subscription.close();
      throw e;
    }
    if (closed) {
      // close() ran while this subscription was being set up and may not have seen it.
      subscription.close();
      throw closedException();
    }
    return subscription;
  }

  /** A subscription stopped for good without being closed by us: it will not heal by itself. */
  private void failed(String detail) {
    if (!closed) {
      emit(listeners, ConnectionEvent.of(ConnectionEvent.State.FAILED, detail));
    }
  }

  @Override
  public void addConnectionListener(ConnectionListener listener) {
    listeners.add(listener);
  }

  @Override
  public Capabilities capabilities() {
    return driver.capabilities();
  }

  @Override
  public String describe() {
    return driver.describe();
  }

  @Override
  public String room() {
    return driver.room();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (PortableSubscription<?> subscription : List.copyOf(subscriptions)) {
      subscription.close();
    }
    driver.close();
  }
}
