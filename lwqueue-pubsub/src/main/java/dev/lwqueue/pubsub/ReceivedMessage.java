package dev.lwqueue.pubsub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One message of a pull reply.
 *
 * @param deliveryAttempt Pub/Sub's count, given only on subscriptions with a dead-letter policy;
 *     0 when it gives none
 */
record ReceivedMessage(String ackId, byte[] data, Map<String, String> attributes, String messageId, int deliveryAttempt) {

  /** The messages of a pull reply, in its order. */
  static List<ReceivedMessage> listOf(JsonNode pullReply) {
    JsonNode received = pullReply.path("receivedMessages");
    if (!received.isArray() || received.isEmpty()) {
      return List.of();
    }
    ReceivedMessage[] messages = new ReceivedMessage[received.size()];
    for (int i = 0; i < messages.length; i++) {
      messages[i] = of(received.get(i));
    }
    return List.of(messages);
  }

  private static ReceivedMessage of(JsonNode received) {
    JsonNode message = received.path("message");
    // Pub/Sub writes bytes in standard base64 with padding.
    byte[] data = message.path("data").isTextual() ? Base64.getDecoder().decode(message.path("data").asText()) : new byte[0];
    Map<String, String> attributes = new HashMap<>();
    message.path("attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
    return new ReceivedMessage(received.path("ackId").asText(), data, attributes,
        message.path("messageId").asText(), received.path("deliveryAttempt").asInt(0));
  }
}
