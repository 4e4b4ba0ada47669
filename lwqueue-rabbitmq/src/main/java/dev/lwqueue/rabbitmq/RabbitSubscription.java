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
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue bound to the exchange, consumed on a channel of its own. A delivery is acknowledged
 * only after the handler returned, so a message on a durable queue that was never shown comes back;
 * acknowledgements go in batches ({@link BatchedAcks}).
 */
final class RabbitSubscription implements Subscription {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitSubscription.class);

  private final Channel channel;
  private final String queue;
  private final boolean durable;
  private final String privateExchange;
  private final DeliveryHandler handler;
  private final Consumer<RabbitSubscription> onClose;
  private final BiConsumer<RabbitSubscription, String> onLost;
  private final BatchedAcks acks;
  private volatile boolean closed;
  private String consumerTag;

  RabbitSubscription(
      Channel channel,
      String queue,
      boolean durable,
      int prefetch,
      String privateExchange,
      DeliveryHandler handler,
      Consumer<RabbitSubscription> onClose,
      BiConsumer<RabbitSubscription, String> onLost) {
    this.channel = channel;
    this.queue = queue;
    this.durable = durable;
    this.privateExchange = privateExchange;
    this.handler = handler;
    this.onClose = onClose;
    this.onLost = onLost;
    this.acks = new BatchedAcks(this::acknowledgeUpTo, BatchedAcks.batchSizeFor(prefetch));
  }

  void start() throws IOException {
    // A channel error (not a lost connection, which recovery handles) ends consumption for good.
    channel.addShutdownListener(
        cause -> {
          if (!closed && !cause.isHardError() && !cause.isInitiatedByApplication()) {
            onLost.accept(this, "the broker closed the channel: " + RabbitErrors.oneLine(cause.getMessage()));
          }
        });
    consumerTag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
          throws IOException {
        deliver(envelope, properties, body);
      }

      @Override
      public void handleCancel(String tag) {
        // The broker cancels a consumer when its queue is deleted (by an administrator, or by
        // x-expires while the connection was away): no message will come any more.
        if (!closed) {
          onLost.accept(RabbitSubscription.this, "the queue was deleted");
        }
      }
    });
  }

  private void deliver(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    // Deliveries already on their way when the subscription stopped go back to the queue at once:
    // a durable queue keeps them for the next run, and no handler sees a message after close.
    if (closed) {
      requeueQuietly(envelope.getDeliveryTag());
      return;
    }
    try {
      // The account is what the broker checked (user_id); a message is private only when it came
      // through the private exchange, whatever its headers claim.
      String recipient = privateExchange.equals(envelope.getExchange()) ? envelope.getRoutingKey() : null;
      handler.onDelivery(Delivery.of(body, envelope.isRedeliver(), headers(properties), properties.getUserId(), recipient));
    } catch (RuntimeException e) {
      // The handler could not show the message (its output is gone, say). Acknowledging it would
      // lose it; delivering it again at once would loop. So it goes back to the queue, and this
      // subscription stops: a durable queue keeps it for the next run.
      LOG.error("delivery handler failed on a message from queue {}; returning it to the queue and stopping",
          queue, e);
      closed = true;
      cancelQuietly(); // first, or the broker could hand the message straight back to this consumer
      requeueQuietly(envelope.getDeliveryTag());
      onLost.accept(this, "the message could not be shown (" + RabbitErrors.oneLine(String.valueOf(e.getMessage()))
          + "); it was returned to the queue");
      return;
    }
    acks.handled(envelope.getDeliveryTag());
  }

  /**
   * Acknowledges every delivery up to this tag once the handler finished them (a printer writes its
   * buffered lines out). If it cannot, they go back to the queue and this subscription stops, as
   * when the handler fails on one message.
   */
  private void acknowledgeUpTo(long deliveryTag) throws IOException {
    try {
      handler.flush();
    } catch (RuntimeException e) {
      boolean wasOpen = !closed;
      closed = true;
      LOG.error("could not finish showing messages from queue {}; returning them to the queue", queue, e);
      if (wasOpen) {
        cancelQuietly();
      }
      if (channel.isOpen()) {
        channel.basicNack(deliveryTag, true, true);
      }
      if (wasOpen) {
        onLost.accept(this, "messages could not be shown (" + RabbitErrors.oneLine(String.valueOf(e.getMessage()))
            + "); they were returned to the queue");
      }
      return;
    }
    channel.basicAck(deliveryTag, true);
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

  private void requeueQuietly(long deliveryTag) {
    try {
      if (channel.isOpen()) {
        channel.basicReject(deliveryTag, true);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("requeue on {} failed; the broker requeues it when the channel closes", queue, e);
    }
  }

  private void cancelQuietly() {
    try {
      if (consumerTag != null && channel.isOpen()) {
        channel.basicCancel(consumerTag);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cancel of {} failed", queue, e);
    }
  }

  @Override
  public void close() {
    boolean wasOpen = !closed;
    closed = true;
    if (wasOpen) {
      cancelQuietly();
    }
    // What was handled is acknowledged, so a durable queue does not hand it out again.
    acks.flush();
    RabbitMqTransport.closeQuietly(channel);
    onClose.accept(this);
  }
}
