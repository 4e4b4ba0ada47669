package dev.lwqueue.pubsub;

import dev.lwqueue.core.ChatTransport;
import java.util.Map;

/**
 * Private messages on Pub/Sub: a message for one user carries the attribute
 * {@link ChatTransport#RECIPIENT_ATTRIBUTE} with the user's name, and lwqueue's subscriptions filter on
 * it (the seed's own pattern, a subscription filter on an attribute). Google applies the filter on
 * the server; the emulator ignores filters, so lwqueue checks every message on the client too. On
 * Google Cloud the privacy of a subscription rests on who may consume it (IAM per subscription):
 * anybody allowed to create an unfiltered subscription reads everything.
 */
final class PrivateMessages {

  private PrivateMessages() {}

  /** The filter of a subscription for {@code user}: the room's messages and the user's private ones. */
  static String filterFor(String user) {
    String key = ChatTransport.RECIPIENT_ATTRIBUTE;
    return user == null ? "NOT attributes:" + key
        : "NOT attributes:" + key + " OR attributes." + key + " = \"" + escape(user) + "\"";
  }

  /** Whether a message with these attributes is for the room, or for {@code user} privately. */
  static boolean isFor(Map<String, String> attributes, String user) {
    String recipient = attributes.get(ChatTransport.RECIPIENT_ATTRIBUTE);
    return recipient == null || recipient.equals(user);
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
