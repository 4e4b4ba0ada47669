package dev.lwqueue.pubsub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lwqueue.core.Participant;
import dev.lwqueue.core.Presence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is in a Pub/Sub room: the topic's subscriptions. Pub/Sub knows no connections, so there is no
 * account, address or time to show; lwqueue labels the subscriptions it creates with the user name
 * (in Pub/Sub's label alphabet: lower case, digits, '-' and '_').
 */
public final class PubSubPresence implements Presence {

  /** The label lwqueue puts on its subscriptions: whose they are. */
  public static final String USER_LABEL = "lwqueue-user";

  private final PubSubSettings settings;

  public PubSubPresence(PubSubSettings settings) {
    this.settings = settings;
  }

  @Override
  public List<Participant> who() {
    try (PubSubClients clients = PubSubClients.open(settings)) {
      TopicPath topic = settings.topicName(clients.project);
      List<Participant> participants = new ArrayList<>();
      try {
        for (String name : clients.topicSubscriptions(topic, Integer.MAX_VALUE)) {
          participants.add(participant(clients, name));
        }
      } catch (PubSubCallException e) {
        throw PubSubErrors.of(e, "list the subscriptions of topic '" + topic.topic() + "'", settings);
      }
      participants.sort(Comparator.comparing((Participant p) -> String.valueOf(p.displayName()))
          .thenComparing(Participant::receivesFrom));
      return participants;
    }
  }

  private static Participant participant(PubSubClients clients, String subscription) {
    String id = subscription.substring(subscription.lastIndexOf('/') + 1);
    Map<String, String> labels = new HashMap<>();
    try {
      JsonNode config = clients.getSubscription(subscription);
      config.path("labels").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
    } catch (PubSubCallException e) {
      // Deleted between the listing and now, or may list but not read it: shown without labels.
      labels.clear();
    }
    String client = "lwqueue".equals(labels.get("created-by")) ? "lwqueue" : "other";
    return new Participant(null, labels.get(USER_LABEL), client, (Instant) null, null, id);
  }

  /** A user name as a label value: Pub/Sub allows lower-case letters, digits, '-' and '_', 63 at most. */
  public static String labelValue(String username) {
    StringBuilder out = new StringBuilder();
    username.toLowerCase(java.util.Locale.ROOT).codePoints().forEach(c -> out.append(
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ? (char) c : '_'));
    return out.length() > 63 ? out.substring(0, 63) : out.toString();
  }
}
