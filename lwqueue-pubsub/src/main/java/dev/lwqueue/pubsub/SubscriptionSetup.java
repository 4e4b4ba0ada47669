package dev.lwqueue.pubsub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lwqueue.core.RandomIds;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates or checks the subscription a subscriber will pull from. */
final class SubscriptionSetup {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSetup.class);

  /** Pub/Sub's shortest expiration: a crashed client's temporary subscription is gone a day later. */
  static final Duration MIN_EXPIRY = Duration.ofDays(1);
  private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(5);
  /** Pub/Sub's longest finite expiration. */
  static final Duration MAX_EXPIRY = Duration.ofDays(31);

  /**
   * A subscription ready to pull from.
   *
   * @param name its full name
   * @param temporary whether lwqueue created it for this subscriber alone and deletes it on close
   * @param filter the subscription's filter, checked again on the client (the emulator ignores
   *     filters); {@code null} when it has none or lwqueue may not read it
   * @param verified whether lwqueue saw the subscription exist on its topic (it may not look
   *     with a subscriber-only account)
   */
  record Prepared(SubscriptionPath name, boolean temporary, SubscriptionFilter filter, boolean verified) {}

  private final PubSubClients clients;
  private final TopicPath topic;

  SubscriptionSetup(PubSubClients clients, TopicPath topic) {
    this.clients = clients;
    this.topic = topic;
  }

  /** A subscription of this subscriber's own: lives until close, or a day after a crash. */
  Prepared temporary() {
    SubscriptionPath name = new SubscriptionPath(clients.project, temporaryId(topic.topic()));
    create(name, MIN_EXPIRY, "temporary", true);
    return new Prepared(name, true, SubscriptionFilter.parse(PrivateMessages.filterFor(clients.settings.displayName())),
        true);
  }

  /** Subscription IDs follow the topic's rules; keep the topic in it so a listing explains itself. */
  static String temporaryId(String topicId) {
    String suffix = "-lwqueue-" + RandomIds.uuid().toString().replace("-", "").substring(0, 12);
    String prefix = topicId.length() > 255 - suffix.length() ? topicId.substring(0, 255 - suffix.length()) : topicId;
    return prefix + suffix;
  }

  /**
   * A named subscription: used as it is when it exists (it must be on our topic), created when it
   * is missing. Subscriber-only accounts may not read subscriptions: then it is used unchecked.
   */
  Prepared named(SubscribeOptions options) {
    return named(options, true);
  }

  /**
   * The same, creating a missing subscription with or without message ordering. A worker that
   * settles messages out of order (the webhook bridge) wants none: with ordering, Pub/Sub holds
   * back a sender's next message until the previous one is acknowledged, one at a time.
   */
  Prepared named(SubscribeOptions options, boolean ordered) {
    SubscriptionPath name = PubSubSettings.subscriptionName(options.name(), clients.project);
    JsonNode existing;
    try {
      existing = clients.getSubscription(name);
    } catch (PubSubCallException e) {
      if (e.code() == RpcCode.PERMISSION_DENIED) {
        LOG.info("may not read subscription {} ({}): using it unchecked", name, PubSubErrors.oneLine(e.getMessage()));
        return new Prepared(name, false, null, false);
      }
      if (e.code() != RpcCode.NOT_FOUND) {
        throw PubSubErrors.of(e, "look up subscription '" + name.subscription() + "'", clients.settings);
      }
      Duration expiry = clamp(options.expiry());
      if (!expiry.equals(options.expiry())) {
        LOG.info("expiry {} of subscription {} is outside Pub/Sub's range: using {}", options.expiry(), name, expiry);
      }
      create(name, expiry, "named", ordered);
      return new Prepared(name, false,
          SubscriptionFilter.parse(PrivateMessages.filterFor(clients.settings.displayName())), true);
    }
    String existingTopic = existing.path("topic").asText();
    if (!existingTopic.equals(topic.toString())) {
      throw new TransportException(Kind.TOPOLOGY_MISMATCH,
          "subscription '" + name.subscription() + "' belongs to "
              + ("_deleted-topic_".equals(existingTopic) ? "a deleted topic" : PubSubErrors.oneLine(existingTopic))
              + ", not to " + topic + ": give a subscription of this topic, or another --topic");
    }
    return new Prepared(name, false, clientSideFilter(existing), true);
  }

  /**
   * The subscription's filter for checking on the client, or null. A filter Google accepted but
   * this parser does not is left to the server alone (and logged): refusing a working
   * subscription would be worse than what the emulator does.
   */
  private static SubscriptionFilter clientSideFilter(JsonNode subscription) {
    String filter = subscription.path("filter").asText("");
    if (filter.isEmpty()) {
      return null;
    }
    try {
      return SubscriptionFilter.parse(filter);
    } catch (TransportException e) {
      LOG.warn("cannot check the filter of {} on the client: {}", PubSubErrors.oneLine(subscription.path("name").asText()),
          e.getMessage());
      return null;
    }
  }

  private void create(SubscriptionPath name, Duration expiry, String kind, boolean ordered) {
    ObjectNode request = PubSubClients.object()
        .put("topic", topic.toString())
        .put("enableMessageOrdering", ordered)
        .put("filter", PrivateMessages.filterFor(clients.settings.displayName()));
    request.putObject("expirationPolicy").put("ttl", expiry.toSeconds() + "s");
    ObjectNode labels = request.putObject("labels").put("created-by", "lwqueue").put("lwqueue-kind", kind);
    if (clients.settings.displayName() != null) {
      labels.put(PubSubPresence.USER_LABEL, PubSubPresence.labelValue(clients.settings.displayName()));
    }
    try {
      clients.createSubscription(name, request);
      LOG.info("created {} subscription {} on {}, expiring after {} unused", kind, name, topic, expiry);
    } catch (PubSubCallException e) {
      switch (e.code()) {
        case ALREADY_EXISTS -> {
          if ("temporary".equals(kind)) {
            throw PubSubErrors.of(e, "create subscription '" + name.subscription() + "'", clients.settings);
          }
          LOG.debug("subscription {} was created meanwhile by somebody else", name);
        }
        case PERMISSION_DENIED -> throw new TransportException(Kind.ACCESS_REFUSED,
            "these credentials may not create subscription '" + name.subscription() + "' on topic '"
                + topic.topic() + "' (a subscriber account usually may not): give an existing subscription with "
                + "--subscription (env SUBSCRIPTION_NAME), or use an account with roles/pubsub.editor",
            e);
        case NOT_FOUND -> throw new TransportException(Kind.NOT_FOUND,
            "cannot create subscription '" + name.subscription() + "': topic '" + topic.topic()
                + "' or project '" + name.project() + "' not found",
            e);
        default -> throw PubSubErrors.of(e, "create subscription '" + name.subscription() + "'", clients.settings);
      }
    }
  }

  static Duration clamp(Duration expiry) {
    if (expiry.compareTo(MIN_EXPIRY) < 0) {
      return MIN_EXPIRY;
    }
    return expiry.compareTo(MAX_EXPIRY) > 0 ? MAX_EXPIRY : expiry;
  }

  /**
   * Deletes a temporary subscription; failing that, its expiration policy removes it later. Runs
   * on close (Ctrl-C), so it gives up after a few seconds rather than retrying for long.
   */
  static void delete(PubSubClients clients, SubscriptionPath name) {
    try {
      clients.deleteSubscription(name, DELETE_TIMEOUT);
      LOG.info("deleted temporary subscription {}", name);
    } catch (PubSubCallException e) {
      if (e.code() == RpcCode.NOT_FOUND) {
        LOG.debug("temporary subscription {} was already gone", name);
      } else {
        LOG.warn("could not delete temporary subscription {}; it expires after {} unused: {}",
            name, MIN_EXPIRY, PubSubErrors.oneLine(e.getMessage()));
      }
    }
  }
}
