package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.work.DeadLetters;
import dev.lwqueue.core.work.Settlement;
import dev.lwqueue.core.work.WorkHandler;
import dev.lwqueue.core.work.WorkQueues;
import dev.lwqueue.core.work.WorkSubscription;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work queues on RabbitMQ: a durable queue bound to the chat exchange (declared with the same
 * arguments as {@code subscribe --queue}, so both can use one name), consumed with one
 * acknowledgement per delivery, in any order; and beside it the durable dead-letter exchange
 * {@value #DEAD_LETTER_EXCHANGE} routing by queue name into {@code NAME.dead-letters}.
 */
public final class RabbitWorkQueues implements WorkQueues {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitWorkQueues.class);

  /** One direct exchange for every bridge's dead letters; the routing key is the work queue's name. */
  public static final String DEAD_LETTER_EXCHANGE = "lwqueue.dead-letters";

  private final RabbitMqSettings settings;
  private final Connection connection;

  private RabbitWorkQueues(RabbitMqSettings settings, Connection connection) {
    this.settings = settings;
    this.connection = connection;
  }

  /** Connects; fails fast with a one-line {@link TransportException}. */
  public static RabbitWorkQueues connect(RabbitMqSettings settings) {
    Connection connection;
    try {
      connection = RabbitConnections.factory(settings, new ForgivingExceptionHandler())
          .newConnection(settings.connectionName() + "-work");
    } catch (Exception e) {
      throw RabbitErrors.onConnect(e, settings);
    }
    return new RabbitWorkQueues(settings, connection);
  }

  /** The dead-letter queue of a work queue. */
  public static String deadLetterQueue(String queue) {
    return queue + ".dead-letters";
  }

  @Override
  public WorkSubscription consume(SubscribeOptions options, WorkHandler handler) {
    if (!options.isNamed()) {
      throw new IllegalArgumentException("a work queue needs a name");
    }
    String queue = options.name();
    Channel channel = null;
    try {
      channel = connection.createChannel();
      channel.basicQos(options.prefetch());
      // Declared on the consuming channel, which lives as long as the subscription, so automatic
      // recovery declares the exchange, queue and binding again after a broker restart.
      channel.exchangeDeclare(settings.exchange(), BuiltinExchangeType.FANOUT, false, false, null);
      Map<String, Object> arguments = new HashMap<>();
      arguments.put("x-expires", options.expiry().toMillis());
      channel.queueDeclare(queue, true, false, false, arguments);
      channel.queueBind(queue, settings.exchange(), "");
      declareDeadLetters(channel, queue);
      RabbitWorkSubscription subscription = new RabbitWorkSubscription(channel, queue, handler);
      subscription.start();
      return subscription;
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        RabbitMqDriver.closeQuietly(channel);
      }
      throw RabbitErrors.onChannel(e, "consume from queue '" + queue + "'", settings);
    }
  }

  /** Dead letters never expire: nobody has looked at them yet. */
  static void declareDeadLetters(Channel channel, String queue) throws IOException {
    channel.exchangeDeclare(DEAD_LETTER_EXCHANGE, BuiltinExchangeType.DIRECT, true, false, null);
    channel.queueDeclare(deadLetterQueue(queue), true, false, false, null);
    channel.queueBind(deadLetterQueue(queue), DEAD_LETTER_EXCHANGE, queue);
  }

  @Override
  public DeadLetters deadLetters(String queue) {
    return new RabbitDeadLetters(connection, settings, queue);
  }

  @Override
  public String describe() {
    return settings.maskedUri() + " exchange " + settings.exchange();
  }

  @Override
  public void close() {
    RabbitMqDriver.closeQuietly(connection);
  }

  /** Deliveries as they came, AMQP headers and the message id among the attributes. */
  static Map<String, String> attributes(AMQP.BasicProperties properties) {
    Map<String, String> out = new HashMap<>();
    Map<String, Object> headers = properties.getHeaders();
    if (headers != null) {
      headers.forEach((k, v) -> out.put(k, String.valueOf(v)));
    }
    if (properties.getMessageId() != null) {
      out.put(MESSAGE_ID_ATTRIBUTE, properties.getMessageId());
    }
    return out;
  }

  private static final class RabbitWorkSubscription implements WorkSubscription {
    private final Channel channel;
    private final String queue;
    private final WorkHandler handler;
    private volatile String consumerTag;
    private volatile boolean closed;

    RabbitWorkSubscription(Channel channel, String queue, WorkHandler handler) {
      this.channel = channel;
      this.queue = queue;
      this.handler = handler;
    }

    void start() throws IOException {
      consumerTag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
          Delivery delivery = Delivery.of(body, envelope.isRedeliver(), attributes(properties));
          handler.onDelivery(delivery, new TagSettlement(envelope.getDeliveryTag()));
        }
      });
    }

    @Override
    public String name() {
      return queue;
    }

    @Override
    public void stopReceiving() {
      String tag = consumerTag;
      if (tag != null && channel.isOpen()) {
        try {
          channel.basicCancel(tag);
        } catch (IOException | RuntimeException e) {
          LOG.debug("cancel of consumer on {} failed", queue, e);
        }
      }
    }

    /** Unsettled deliveries go back to the queue with the channel. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      RabbitMqDriver.closeQuietly(channel);
    }

    /**
     * Acknowledges or returns one delivery, from any thread. After a reconnect the broker has
     * already returned the old channel's deliveries and amqp-client ignores their stale tags: the
     * message comes again, which at-least-once allows.
     */
    private final class TagSettlement implements Settlement {
      private final long tag;
      private final AtomicBoolean settled = new AtomicBoolean();

      TagSettlement(long tag) {
        this.tag = tag;
      }

      @Override
      public void ack() {
        settle(true);
      }

      @Override
      public void requeue() {
        settle(false);
      }

      private void settle(boolean ack) {
        if (!settled.compareAndSet(false, true) || !channel.isOpen()) {
          return;
        }
        try {
          synchronized (channel) {
            if (ack) {
              channel.basicAck(tag, false);
            } else {
              channel.basicReject(tag, true);
            }
          }
        } catch (IOException | RuntimeException e) {
          LOG.debug("settling delivery {} on {} failed; the broker returns it with the channel", tag, queue, e);
        }
      }
    }
  }
}
