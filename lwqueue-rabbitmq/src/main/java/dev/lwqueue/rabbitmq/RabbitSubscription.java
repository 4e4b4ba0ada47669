package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.DeliveryHandler;
import dev.lwqueue.core.Subscription;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One queue bound to the exchange, consumed on a channel of its own. */
final class RabbitSubscription implements Subscription {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitSubscription.class);

  private final Channel channel;
  private final String queue;
  private final boolean durable;
  private final DeliveryHandler handler;
  private final Consumer<RabbitSubscription> onClose;
  private volatile boolean closed;
  private String consumerTag;

  RabbitSubscription(
      Channel channel, String queue, boolean durable, DeliveryHandler handler, Consumer<RabbitSubscription> onClose) {
    this.channel = channel;
    this.queue = queue;
    this.durable = durable;
    this.handler = handler;
    this.onClose = onClose;
  }

  void start() throws IOException {
    consumerTag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
          throws IOException {
        deliver(envelope, properties, body);
      }
    });
  }

  private void deliver(Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
    // Deliveries already dispatched when close() ran are dropped unacknowledged: a durable queue
    // gets them back, and no handler sees a message after its subscription was closed.
    if (closed) {
      return;
    }
    try {
      handler.onDelivery(Delivery.of(body, envelope.isRedeliver(), headers(properties)));
    } catch (RuntimeException e) {
      LOG.error("delivery handler failed on a message from queue {}; acknowledging it anyway", queue, e);
    }
    channel.basicAck(envelope.getDeliveryTag(), false);
  }

  private static Map<String, String> headers(AMQP.BasicProperties properties) {
    Map<String, Object> raw = properties.getHeaders();
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    raw.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  @Override
  public String name() {
    return queue;
  }

  @Override
  public boolean durable() {
    return durable;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (consumerTag != null && channel.isOpen()) {
        channel.basicCancel(consumerTag);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cancel of {} failed", queue, e);
    }
    RabbitMqTransport.closeQuietly(channel);
    onClose.accept(this);
  }
}
