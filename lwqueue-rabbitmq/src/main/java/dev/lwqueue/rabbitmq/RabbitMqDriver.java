package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoverableConnection;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.TopologyRecoveryException;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import dev.lwqueue.core.Capabilities;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConnectionEvent;
import dev.lwqueue.core.ConnectionListener;
import dev.lwqueue.core.PortableTransport;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.TerminalText;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.driver.DriverSubscription;
import dev.lwqueue.core.driver.TransportDriver;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat on RabbitMQ: one fanout exchange, declared exactly as the Python original declares it
 * ({@code exchange_declare(exchange="chat", exchange_type="fanout")}: not durable, not
 * auto-delete), and one queue per subscriber bound to it. Publishes use publisher confirms and
 * the mandatory flag, so a receipt says both that the broker took the message and whether any
 * queue received it.
 *
 * <p>Reconnects are amqp-client's automatic recovery with topology recovery: after a dropped
 * connection or a broker restart, the exchange, each subscriber's queue, its binding and its
 * consumer are declared again. This matters because the exchange is not durable: a restarted
 * broker has forgotten it, and with it the bindings of durable queues. amqp-client re-declares only
 * what was declared on a channel that is still open, which is why the exchange is declared on the
 * publisher's channel, open as long as the transport, and never on a short-lived one.
 *
 * <p>The driver only speaks AMQP; the policies (acknowledging, handler failures, closed state)
 * are {@link PortableTransport}'s.
 */
final class RabbitMqDriver implements TransportDriver {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitMqDriver.class);

  private final RabbitMqSettings settings;
  private final Connection connection;
  private final Publisher publisher;
  /** Whether the room has its private messages' exchange. */
  private final boolean privateMessages;
  /** Whether this account declares the room itself (the host's), or may only find it (a member's). */
  private final boolean roomDeclared;
  private final ConnectionListener events;
  private final AtomicLong lostAtNanos = new AtomicLong();
  private volatile boolean closed;

  private RabbitMqDriver(RabbitMqSettings settings, Connection connection, ConnectionListener events)
      throws IOException {
    this.settings = settings;
    this.connection = connection;
    this.events = events;
    RoomExchanges.Declared declared;
    try {
      declared = RoomExchanges.declare(connection, settings);
    } catch (IOException e) {
      throw RabbitErrors.onChannel(e, "declare exchange '" + settings.exchange() + "'", settings);
    }
    this.privateMessages = declared.privateMessages();
    this.roomDeclared = declared.roomDeclared();
    this.publisher = new Publisher(declared.channel(), settings.exchange(), settings.privateExchange(),
        settings.username());
    watchConnection();
  }

  /** Connects and declares the exchange; fails fast with a one-line {@link dev.lwqueue.core.TransportException}. */
  static RabbitMqDriver connect(RabbitMqSettings settings, ConnectionListener events) {
    ConnectionFactory factory = RabbitConnections.factory(settings, new RecoveryFailures(settings, events));
    Connection connection;
    try {
      connection = factory.newConnection(settings.connectionName());
    } catch (Exception e) {
      throw RabbitErrors.onConnect(e, settings);
    }
    try {
      return new RabbitMqDriver(settings, connection, events);
    } catch (Exception e) {
      closeQuietly(connection);
      throw RabbitErrors.onChannel(e, "declare exchange '" + settings.exchange() + "'", settings);
    }
  }

  private void watchConnection() {
    connection.addShutdownListener(
        cause -> {
          if (!cause.isInitiatedByApplication() && !closed) {
            lostAtNanos.compareAndSet(0, System.nanoTime());
            events.onEvent(ConnectionEvent.of(ConnectionEvent.State.RECOVERING,
                "connection to " + settings.maskedUri() + " lost: " + RabbitErrors.replyText(cause)));
          }
        });
    if (connection instanceof RecoverableConnection recoverable) {
      recoverable.addRecoveryListener(
          new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable recoverable) {
              // Called once the exchange, queues, bindings and consumers are declared again.
              long lost = lostAtNanos.getAndSet(0);
              Duration downtime = lost == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - lost);
              events.onEvent(new ConnectionEvent(ConnectionEvent.State.RECOVERED,
                  "connection to " + settings.maskedUri() + " recovered", downtime));
            }

            @Override
            public void handleRecoveryStarted(Recoverable recoverable) {
              LOG.info("recovery of {} started", settings.maskedUri());
            }
          });
    }
  }

  @Override
  public CompletableFuture<PublishReceipt> publish(byte[] body, Map<String, String> attributes) {
    if (!privateMessages && attributes.containsKey(ChatTransport.RECIPIENT_ATTRIBUTE)) {
      return CompletableFuture.failedFuture(new TransportException(TransportException.Kind.NOT_FOUND, "room '"
          + settings.exchange() + "' has no exchange '" + settings.privateExchange() + "' for private messages: its "
          + "host creates it with lwqueue room open"));
    }
    return publisher.publish(body, attributes);
  }

  @Override
  public DriverSubscription<Long> subscribe(SubscribeOptions options) {
    String what = options.isNamed() ? "subscribe with queue '" + options.name() + "'" : "subscribe";
    Channel channel = null;
    try {
      channel = connection.createChannel();
      channel.basicQos(options.effectivePrefetch());
      String queue;
      if (options.isNamed()) {
        // Durable and kept while its owner is away; x-expires removes it once abandoned.
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-expires", options.expiry().toMillis());
        queue = channel.queueDeclare(options.name(), true, false, false, arguments).getQueue();
      } else {
        // Server-named, exclusive, auto-delete: gone with the subscriber, like the original's queue.
        queue = channel.queueDeclare().getQueue();
      }
      channel.queueBind(queue, settings.exchange(), "");
      if (privateMessages) {
        // Private messages for this account: the broker lets an account bind only its own name.
        channel.queueBind(queue, settings.privateExchange(), settings.username());
      }
      return new RabbitSubscription(channel, queue, options.isNamed(), settings.privateExchange(),
          roomDeclared ? null : roomGone(settings));
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        closeQuietly(channel);
      }
      throw RabbitErrors.onChannel(e, what, settings);
    }
  }

  @Override
  public Capabilities capabilities() {
    return RabbitMqTransport.CAPABILITIES;
  }

  @Override
  public String describe() {
    return settings.maskedUri() + " exchange " + settings.exchange();
  }

  @Override
  public String room() {
    return settings.exchange();
  }

  @Override
  public void close() {
    closed = true;
    publisher.failAll(PortableTransport.closedException());
    closeQuietly(connection);
  }

  /**
   * What a member is told when the room's exchange is missing after a reconnect. The room is not
   * durable (like the original's): a restarted broker has forgotten it, and an account that may not
   * create it cannot bring it back.
   */
  static String roomGone(RabbitMqSettings settings) {
    return "the room '" + settings.exchange() + "' is gone, as after a broker restart, and account '"
        + settings.username() + "' may not create it: once the room's host has opened it again (lwqueue room "
        + "open, or any lwqueue command of the host's), start again";
  }

  static void closeQuietly(AutoCloseable closeable) {
    try {
      if (closeable instanceof Connection c) {
        c.close(2000);
      } else {
        closeable.close();
      }
    } catch (ShutdownSignalException | IOException e) {
      LOG.debug("already closed", e);
    } catch (Exception e) {
      LOG.debug("close failed", e);
    }
  }

  /**
   * Default AMQP properties of a published chat body: persistent, so durable queues keep it; and
   * {@code user_id}, the publishing account, which RabbitMQ checks and refuses when it is not the
   * connection's: receivers can trust it as the sender's account.
   */
  static AMQP.BasicProperties properties(String messageId, String account, Map<String, String> attributes) {
    AMQP.BasicProperties.Builder builder =
        new AMQP.BasicProperties.Builder().deliveryMode(2).messageId(messageId).userId(account);
    if (!attributes.isEmpty()) {
      // amqp-client only reads the headers: the caller's map serves as it is, uncopied.
      @SuppressWarnings("unchecked")
      Map<String, Object> headers = (Map<String, Object>) (Map<String, ?>) attributes;
      builder.headers(headers);
    }
    return builder.build();
  }

  /**
   * amqp-client reports a queue, binding or consumer it could not declare again after a reconnect
   * here, and otherwise only logs it: a subscriber would sit there deaf. Such a failure does not heal
   * by itself, so it becomes a {@code FAILED} event.
   */
  private static final class RecoveryFailures extends ForgivingExceptionHandler {
    private final RabbitMqSettings settings;
    private final ConnectionListener events;
    private final java.util.concurrent.atomic.AtomicBoolean refused = new java.util.concurrent.atomic.AtomicBoolean();

    RecoveryFailures(RabbitMqSettings settings, ConnectionListener events) {
      this.settings = settings;
      this.events = events;
    }

    /**
     * A reconnect the broker refuses for the account (removed by the room's host, or its password
     * changed) will never succeed: that ends the transport instead of retrying every 10 s forever.
     */
    @Override
    public void handleConnectionRecoveryException(Connection conn, Throwable exception) {
      if (exception instanceof com.rabbitmq.client.AuthenticationFailureException
          || exception instanceof com.rabbitmq.client.PossibleAuthenticationFailureException) {
        if (refused.compareAndSet(false, true)) { // said once; the transport is being closed
          events.onEvent(ConnectionEvent.of(ConnectionEvent.State.FAILED,
              "cannot reconnect to " + settings.maskedUri() + ": authentication failed for user '"
                  + settings.username() + "' (the account was removed or its password changed)"));
        }
        return;
      }
      super.handleConnectionRecoveryException(conn, exception);
    }

    @Override
    public void handleTopologyRecoveryException(Connection conn, Channel ch, TopologyRecoveryException exception) {
      LOG.error("topology recovery failed on {}", settings.maskedUri(), exception);
      String detail = TerminalText.remote(exception.getMessage());
      if (RabbitErrors.replyCodeIn(exception) == AMQP.NOT_FOUND
          && exception.getRecordedEntity() instanceof com.rabbitmq.client.impl.recovery.RecordedBinding binding
          && (settings.exchange().equals(binding.getSource()) || settings.privateExchange().equals(binding.getSource()))) {
        // The room is not durable (like the original's): a restarted broker has forgotten it, and an
        // account that may not create it cannot bring it back.
        detail = roomGone(settings) + " (" + detail + ")";
      }
      events.onEvent(ConnectionEvent.of(ConnectionEvent.State.FAILED,
          "reconnected to " + settings.maskedUri() + " but could not restore the subscription: " + detail));
    }
  }
}
