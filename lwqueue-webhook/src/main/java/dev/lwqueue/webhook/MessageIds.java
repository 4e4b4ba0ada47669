package dev.lwqueue.webhook;

import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.work.WorkQueues;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code webhook-id} of a message, the same on every attempt and every redelivery, so a
 * receiver can drop repeats: the chat message's own id, else the broker's message id, else a hash
 * of the body (the Python clients send neither id; two identical bodies then share an id).
 */
public final class MessageIds {

  private MessageIds() {}

  public static String of(Delivery delivery) {
    ChatMessage message = delivery.message();
    if (message != null && message.id() != null && !message.id().isBlank()) {
      return message.id();
    }
    String brokerId = delivery.attributes().get(WorkQueues.MESSAGE_ID_ATTRIBUTE);
    if (brokerId != null && !brokerId.isBlank()) {
      return "msg_" + brokerId;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(delivery.body());
      return "msg_sha256_" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
