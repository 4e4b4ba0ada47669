package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.work.DeadLetters;
import dev.lwqueue.core.work.WorkQueues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The dead letters of one work queue on RabbitMQ: published with confirms to
 * {@link RabbitWorkQueues#DEAD_LETTER_EXCHANGE}, kept in {@code NAME.dead-letters}. Each operation
 * uses a channel of its own: a refused one (a queue that does not exist) closes only that channel.
 */
final class RabbitDeadLetters implements DeadLetters {

  private static final long CONFIRM_TIMEOUT_MS = 10_000;

  private final Connection connection;
  private final RabbitMqSettings settings;
  private final String queue;

  RabbitDeadLetters(Connection connection, RabbitMqSettings settings, String queue) {
    this.connection = connection;
    this.settings = settings;
    this.queue = queue;
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public String describe() {
    return "dead-letter exchange '" + RabbitWorkQueues.DEAD_LETTER_EXCHANGE + "' and queue '"
        + RabbitWorkQueues.deadLetterQueue(queue) + "'";
  }

  @Override
  public CompletableFuture<Void> add(byte[] body, Map<String, String> attributes) {
    try (Channel channel = connection.createChannel()) {
      channel.confirmSelect();
      RabbitWorkQueues.declareDeadLetters(channel, queue);
      channel.basicPublish(RabbitWorkQueues.DEAD_LETTER_EXCHANGE, queue, true, properties(attributes), body);
      channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
      return CompletableFuture.completedFuture(null);
    } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return CompletableFuture.failedFuture(RabbitErrors.onChannel(e, "store a dead letter for queue '" + queue + "'", settings));
    }
  }

  /** Persistent, the broker's message id restored as the AMQP property, the rest as headers. */
  private static AMQP.BasicProperties properties(Map<String, String> attributes) {
    Map<String, Object> headers = new HashMap<>(attributes);
    Object messageId = headers.remove(WorkQueues.MESSAGE_ID_ATTRIBUTE);
    return new AMQP.BasicProperties.Builder()
        .deliveryMode(2)
        .contentType("application/json")
        .messageId(messageId == null ? null : messageId.toString())
        .headers(headers)
        .build();
  }

  @Override
  public List<DeadLetter> list(int max) {
    // basic.get without acknowledging, then closing the channel: every message goes back, in order.
    try (Channel channel = connection.createChannel()) {
      requireQueue(channel);
      List<DeadLetter> letters = new ArrayList<>();
      while (letters.size() < max) {
        GetResponse response = channel.basicGet(RabbitWorkQueues.deadLetterQueue(queue), false);
        if (response == null) {
          break;
        }
        letters.add(new DeadLetter(response.getBody(), RabbitWorkQueues.attributes(response.getProps())));
      }
      return letters;
    } catch (IOException | TimeoutException | RuntimeException e) {
      throw RabbitErrors.onChannel(e, "list the dead letters of queue '" + queue + "'", settings);
    }
  }

  @Override
  public int replay(int max) {
    // Straight into the work queue through the default exchange: only the bridge gets it again,
    // not the whole room. Acknowledged from the dead letters only once the broker confirmed it.
    try (Channel channel = connection.createChannel()) {
      requireQueue(channel);
      channel.queueDeclarePassive(queue);
      channel.confirmSelect();
      int replayed = 0;
      while (replayed < max) {
        GetResponse response = channel.basicGet(RabbitWorkQueues.deadLetterQueue(queue), false);
        if (response == null) {
          break;
        }
        Map<String, String> attributes =
            DeadLetters.originalAttributes(RabbitWorkQueues.attributes(response.getProps()));
        channel.basicPublish("", queue, true, properties(attributes), response.getBody());
        channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
        channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
        replayed++;
      }
      return replayed;
    } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw RabbitErrors.onChannel(e, "replay the dead letters of queue '" + queue + "'", settings);
    }
  }

  @Override
  public long purge() {
    try (Channel channel = connection.createChannel()) {
      requireQueue(channel);
      return channel.queuePurge(RabbitWorkQueues.deadLetterQueue(queue)).getMessageCount();
    } catch (IOException | TimeoutException | RuntimeException e) {
      throw RabbitErrors.onChannel(e, "purge the dead letters of queue '" + queue + "'", settings);
    }
  }

  private void requireQueue(Channel channel) throws IOException {
    try {
      channel.queueDeclarePassive(RabbitWorkQueues.deadLetterQueue(queue));
    } catch (IOException e) {
      throw new TransportException(TransportException.Kind.NOT_FOUND,
          "queue '" + queue + "' has no dead letters: there is no queue '" + RabbitWorkQueues.deadLetterQueue(queue)
              + "' (no webhook bridge has run with --queue " + queue + ")", e);
    }
  }
}
