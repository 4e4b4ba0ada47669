package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.TerminalText;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.driver.DriverSubscription;
import dev.lwqueue.core.driver.Inbox;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue bound to the exchange, consumed on a channel of its own; its acknowledgement ids are
 * delivery tags. A batch is acknowledged with one {@code basic.ack multiple=true} up to its last
 * tag, which is right because a channel's deliveries are handled one at a time in tag order and
 * every earlier tag was acknowledged or returned before.
 */
final class RabbitSubscription implements DriverSubscription<Long> {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitSubscription.class);

  private final Channel channel;
  private final String queue;
  private final boolean durable;
  private final String privateExchange;
  private final String roomGone;
  private volatile boolean stopped;
  private volatile String consumerTag;

  /**
   * @param privateExchange the exchange of private messages: what comes through it is private
   * @param roomGone what to tell when the room's exchange is missing (a broker restart), or null
   */
  RabbitSubscription(Channel channel, String queue, boolean durable, String privateExchange, String roomGone) {
    this.privateExchange = privateExchange;
    this.roomGone = roomGone;
    this.channel = channel;
    this.queue = queue;
    this.durable = durable;
  }

  @Override
  public void start(Inbox<Long> inbox) {
    // A channel error (not a lost connection, which recovery handles) ends consumption for good.
    channel.addShutdownListener(
        cause -> {
          if (!stopped && !cause.isHardError() && !cause.isInitiatedByApplication()) {
            inbox.lost(RabbitErrors.replyCode(cause) == com.rabbitmq.client.AMQP.NOT_FOUND && roomGone != null
                // Recovery declared the queue again; what is missing is an exchange it binds to.
                ? roomGone + " (" + RabbitErrors.replyText(cause) + ")"
                : "the broker closed the channel: " + RabbitErrors.replyText(cause));
          }
        });
    try {
      consumerTag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
          // The account is what the broker checked (user_id); a message is private only when it came
          // through the private exchange, whatever its headers claim.
          String recipient = privateExchange.equals(envelope.getExchange()) ? envelope.getRoutingKey() : null;
          inbox.deliver(Delivery.of(body, envelope.isRedeliver(), headers(properties), properties.getUserId(), recipient),
              envelope.getDeliveryTag());
        }

        @Override
        public void handleCancel(String tag) {
          // The broker cancels a consumer when its queue is deleted (by an administrator, or by
          // x-expires while the connection was away): no message will come any more.
          if (!stopped) {
            inbox.lost("the queue was deleted");
          }
        }
      });
    } catch (IOException e) {
      throw new TransportException(TransportException.Kind.BROKER_ERROR,
          "cannot consume from queue '" + queue + "': " + TerminalText.remote(e.getMessage()), e);
    }
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
  public void acknowledge(List<Long> deliveryTags) {
    try {
      channel.basicAck(deliveryTags.get(deliveryTags.size() - 1), true);
    } catch (IOException | RuntimeException e) {
      // A closed channel: its unacknowledged deliveries go back to the queue, which is the best
      // anyone can do now; amqp-client's recovery ignores tags of the channel before recovery.
      LOG.debug("acknowledgement on {} failed", queue, e);
    }
  }

  @Override
  public void release(List<Long> deliveryTags) {
    try {
      if (channel.isOpen()) {
        for (long tag : deliveryTags) {
          channel.basicReject(tag, true);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("requeue on {} failed; the broker requeues them when the channel closes", queue, e);
    }
  }

  @Override
  public void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      // Before any release, or the broker could hand a returned message straight back to us.
      if (consumerTag != null && channel.isOpen()) {
        channel.basicCancel(consumerTag);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cancel of {} failed", queue, e);
    }
  }

  @Override
  public void close() {
    stopped = true;
    RabbitMqDriver.closeQuietly(channel);
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
  public String describe() {
    return "queue '" + queue + "'";
  }

  /**
   * A passive declare on a channel of its own: on the consuming channel a queue deleted meanwhile
   * (404) would close the channel the deliveries come on.
   */
  @Override
  public OptionalLong backlog() {
    try (Channel probe = channel.getConnection().createChannel()) {
      return OptionalLong.of(probe.queueDeclarePassive(queue).getMessageCount());
    } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
      LOG.debug("cannot count the messages waiting in {}", queue, e);
      return OptionalLong.empty();
    }
  }
}
