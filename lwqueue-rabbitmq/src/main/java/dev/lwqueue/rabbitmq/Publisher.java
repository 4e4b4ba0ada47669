package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.core.RandomIds;
import dev.lwqueue.core.PublishReceipt.Routing;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Publishes on one channel in confirm mode with the mandatory flag. RabbitMQ sends the
 * {@code basic.return} of an unroutable message before its {@code basic.ack}, on the same channel,
 * so by the time the confirm arrives the receipt already knows whether any queue got it.
 */
final class Publisher {

  private final Channel channel;
  private final String exchange;
  private final String privateExchange;
  private final String account;
  private final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
  /** A message's id is this prefix and its publish sequence number, which finds it when returned. */
  private final String idPrefix = "lwq-" + RandomIds.uuid().toString().substring(0, 8) + "-";

  /**
   * @param privateExchange where messages carrying {@link ChatTransport#RECIPIENT_ATTRIBUTE} go,
   *     routed by the recipient's account
   * @param account the connection's account, set as every message's {@code user_id}
   */
  Publisher(Channel channel, String exchange, String privateExchange, String account) throws IOException {
    this.channel = channel;
    this.exchange = exchange;
    this.privateExchange = privateExchange;
    this.account = account;
    channel.confirmSelect();
    channel.addReturnListener(
        returned -> {
          Pending p = pendingFor(returned.getProperties().getMessageId());
          if (p != null) {
            p.returned = true;
          }
        });
    channel.addConfirmListener(
        (tag, multiple) -> settle(tag, multiple, true), (tag, multiple) -> settle(tag, multiple, false));
    channel.addShutdownListener(cause -> failAll(failureOf(cause)));
  }

  /**
   * Why publishes on a closed channel fail. A publish the account may not make (403, a reader's or
   * a stranger's account) closes the channel for good: that is access refused, and trying again
   * cannot help; anything else is a lost connection, worth trying again after the reconnect.
   */
  private TransportException failureOf(ShutdownSignalException cause) {
    if (!cause.isHardError() && RabbitErrors.replyCode(cause) == AMQP.ACCESS_REFUSED) {
      return new TransportException(Kind.ACCESS_REFUSED, "user '" + account + "' may not publish to this room: "
          + RabbitErrors.replyText(cause), cause);
    }
    return new TransportException(Kind.NOT_CONFIRMED,
        "the connection was lost before the broker confirmed the message: " + RabbitErrors.oneLine(cause.getMessage()));
  }

  CompletableFuture<PublishReceipt> publish(byte[] body, Map<String, String> attributes) {
    Pending p = new Pending();
    // Sequence number and publish must not interleave with another thread's.
    synchronized (this) {
      long seq = channel.getNextPublishSeqNo();
      pending.put(seq, p);
      try {
        String recipient = attributes.get(ChatTransport.RECIPIENT_ATTRIBUTE);
        channel.basicPublish(recipient == null ? exchange : privateExchange, recipient == null ? "" : recipient, true,
            RabbitMqDriver.properties(idPrefix + seq, account, attributes), body);
      } catch (IOException | RuntimeException e) {
        pending.remove(seq);
        ShutdownSignalException closedBy = channel.getCloseReason();
        p.future.completeExceptionally(closedBy != null && failureOf(closedBy).kind() == Kind.ACCESS_REFUSED
            ? failureOf(closedBy)
            : new TransportException(Kind.NOT_CONFIRMED, "publish failed: " + RabbitErrors.oneLine(e.getMessage()), e));
      }
    }
    return p.future;
  }

  private void settle(long tag, boolean multiple, boolean ack) {
    Map<Long, Pending> settled = multiple ? pending.headMap(tag, true) : pending.subMap(tag, true, tag, true);
    for (Pending p : settled.values()) {
      if (ack) {
        p.future.complete(new PublishReceipt(null, p.returned ? Routing.UNROUTED : Routing.ROUTED));
      } else {
        p.future.completeExceptionally(
            new TransportException(Kind.REFUSED, "the broker refused the message (a nack: a queue is full, or "
                + "the broker is out of resources): it was not delivered"));
      }
    }
    settled.clear();
  }

  void failAll(TransportException reason) {
    for (Pending p : pending.values()) {
      p.future.completeExceptionally(reason);
    }
    pending.clear();
  }

  /** The publish a returned message's id names, if it is ours and still waiting. */
  private Pending pendingFor(String messageId) {
    if (messageId == null || !messageId.startsWith(idPrefix)) {
      return null;
    }
    try {
      return pending.get(Long.parseLong(messageId.substring(idPrefix.length())));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static final class Pending {
    final CompletableFuture<PublishReceipt> future = new CompletableFuture<>();
    volatile boolean returned;
  }
}
