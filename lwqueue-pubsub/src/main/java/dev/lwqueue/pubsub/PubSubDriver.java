package dev.lwqueue.pubsub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lwqueue.core.Capabilities;
import dev.lwqueue.core.ConnectionListener;
import dev.lwqueue.core.PortableTransport;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.core.RandomIds;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.driver.DriverSubscription;
import dev.lwqueue.core.driver.TransportDriver;
import dev.lwqueue.core.TransportException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat on Google Cloud Pub/Sub: one topic is the room, and every subscriber has a
 * subscription of its own on it, so everybody sees every message. A temporary subscription is
 * created on subscribe and deleted on close, with an expiration policy so one left behind by a
 * crashed client goes away by itself; a named subscription stays, and several processes on one
 * named subscription share its messages between them (each message goes to one of them).
 *
 * <p>The message data are the same JSON bytes RabbitMQ carries; the username also travels as an
 * attribute. Each transport publishes with an ordering key of its own and lwqueue's subscriptions
 * enable message ordering, so one sender's messages arrive in the order they were sent.
 *
 * <p>The driver only speaks Pub/Sub; the policies (acknowledging, handler failures, closed state)
 * are {@link dev.lwqueue.core.PortableTransport}'s.
 */
final class PubSubDriver implements TransportDriver {

  private static final Logger LOG = LoggerFactory.getLogger(PubSubDriver.class);

  /** Pub/Sub's limit for an attribute value. */
  private static final int MAX_ATTRIBUTE_VALUE_BYTES = 1024;

  /** How long close() lets the publisher flush before failing what it did not confirm. */
  private static final Duration PUBLISHER_FLUSH = Duration.ofSeconds(5);

  private final PubSubClients clients;
  private final TopicPath topic;
  private final OrderedPublisher publisher;
  /** The OS's random source, not UUID.randomUUID: its SecureRandom would load the security providers. */
  private final String orderingKey = "lwqueue-" + RandomIds.uuid();
  private final Set<CompletableFuture<PublishReceipt>> unconfirmed = ConcurrentHashMap.newKeySet();
  private final ConnectionListener events;
  private volatile boolean closed;
  /** Created by connect and not used yet: a subscribe refused now must not leave it behind. */
  private volatile boolean createdTopicUnused;

  private PubSubDriver(PubSubClients clients, TopicPath topic, ConnectionListener events) {
    this.clients = clients;
    this.events = events;
    this.topic = topic;
    this.publisher = new OrderedPublisher(clients, topic);
  }

  /**
   * Connects, checks the topic and creates it when it is missing and the credentials allow it.
   * Fails within about the connect timeout with a one-line {@link TransportException}.
   */
  static PubSubDriver connect(PubSubSettings settings, ConnectionListener events) {
    PubSubClients clients = PubSubClients.open(settings);
    try {
      TopicPath topic = settings.topicName(clients.project);
      boolean created = ensureTopic(clients, topic);
      PubSubDriver driver = new PubSubDriver(clients, topic, events);
      driver.createdTopicUnused = created;
      return driver;
    } catch (Exception e) {
      clients.close();
      throw PubSubErrors.of(e, "open the publisher for topic '" + settings.topic() + "'", settings);
    }
  }

  /**
   * Looks the topic up within the connect timeout, which also proves the endpoint answers, and
   * creates it when missing. Accounts with only the publisher or subscriber role may not read
   * topics: then the topic is taken as given, and publish or subscribe report what is wrong.
   */
  static boolean ensureTopic(PubSubClients clients, TopicPath topic) {
    PubSubSettings settings = clients.settings;
    // One attempt: a refused connection is reported at once, a silent endpoint after the timeout.
    try {
      clients.getTopic(topic, settings.connectTimeout());
      return false;
    } catch (PubSubCallException e) {
      if (e.code() == RpcCode.PERMISSION_DENIED) {
        LOG.info("may not read topic {} ({}): assuming it exists", topic, PubSubErrors.oneLine(e.getMessage()));
        return false;
      }
      if (e.code() != RpcCode.NOT_FOUND) {
        throw PubSubErrors.of(e, "look up topic '" + topic.topic() + "' in project '" + topic.project() + "'", settings);
      }
      LOG.info("topic {} does not exist: creating it", topic);
    }
    try {
      clients.createTopic(topic);
      return true;
    } catch (PubSubCallException e) {
      switch (e.code()) {
        case ALREADY_EXISTS -> {
          LOG.debug("topic {} was created meanwhile by somebody else", topic);
          return false;
        }
        case PERMISSION_DENIED -> throw new TransportException(Kind.ACCESS_REFUSED,
            "topic '" + topic.topic() + "' does not exist in project '" + topic.project()
                + "' and these credentials may not create it: create it with 'gcloud pubsub topics create "
                + topic.topic() + " --project " + topic.project() + "' or use an account with roles/pubsub.editor",
            e);
        case NOT_FOUND -> throw new TransportException(Kind.NOT_FOUND,
            "project '" + topic.project() + "' not found, or these credentials cannot see it: check --project",
            e);
        default -> throw PubSubErrors.of(e,
            "create topic '" + topic.topic() + "' in project '" + topic.project() + "'", settings);
      }
    }
  }

  @Override
  public CompletableFuture<PublishReceipt> publish(byte[] body, Map<String, String> attributes) {
    if (createdTopicUnused) {
      createdTopicUnused = false;
    }
    if (body.length > PubSubTransport.MAX_MESSAGE_BYTES) {
      return CompletableFuture.failedFuture(new TransportException(Kind.MESSAGE_TOO_LARGE,
          "the message is " + body.length + " bytes; Pub/Sub takes at most " + PubSubTransport.MAX_MESSAGE_BYTES));
    }
    if (body.length == 0 && attributes.isEmpty()) {
      return CompletableFuture.failedFuture(new TransportException(Kind.NOT_CONFIRMED,
          "Pub/Sub does not accept a message with neither data nor attributes"));
    }
    ObjectNode message = message(body, attributes);
    message.put("orderingKey", orderingKey);
    CompletableFuture<PublishReceipt> receipt = new CompletableFuture<>();
    unconfirmed.add(receipt);
    receipt.whenComplete((r, e) -> unconfirmed.remove(receipt));
    CompletableFuture<String> id;
    try {
      id = publisher.publish(message, size(body, attributes));
    } catch (IllegalStateException e) {
      receipt.completeExceptionally(closed ? PortableTransport.closedException() : PubSubErrors.of(e, "publish", clients.settings));
      return receipt;
    }
    id.whenComplete((messageId, failure) -> {
      if (failure == null) {
        receipt.complete(new PublishReceipt(messageId, PublishReceipt.Routing.UNKNOWN));
      } else {
        receipt.completeExceptionally(PubSubErrors.of(failure, "publish to " + describeTopic(), clients.settings));
      }
    });
    return receipt;
  }

  /**
   * Pub/Sub's message object: the body (base64 in JSON) and the attributes, whose values Pub/Sub
   * refuses over 1 KiB (the body carries the full value anyway).
   */
  static ObjectNode message(byte[] body, Map<String, String> attributes) {
    ObjectNode message = PubSubClients.object();
    if (body.length > 0) {
      message.put("data", body);
    }
    if (!attributes.isEmpty()) {
      ObjectNode limited = message.putObject("attributes");
      attributes.forEach((k, v) -> limited.put(k, truncateUtf8(v, MAX_ATTRIBUTE_VALUE_BYTES)));
    }
    return message;
  }

  /** A message's size as Pub/Sub counts it towards a request's: data, keys and values. */
  private static int size(byte[] body, Map<String, String> attributes) {
    int size = body.length;
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      size += attribute.getKey().length() + Math.min(attribute.getValue().length() * 3, MAX_ATTRIBUTE_VALUE_BYTES);
    }
    return size;
  }

  static String truncateUtf8(String value, int maxBytes) {
    if (value.length() * 3 <= maxBytes || value.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return value;
    }
    int bytes = 0;
    int end = 0;
    while (end < value.length()) {
      int cp = value.codePointAt(end);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      end += Character.charCount(cp);
    }
    return value.substring(0, end);
  }

  @Override
  public DriverSubscription<String> subscribe(SubscribeOptions options) {
    SubscriptionSetup setup = new SubscriptionSetup(clients, topic);
    SubscriptionSetup.Prepared prepared;
    try {
      prepared = options.isNamed() ? setup.named(options) : setup.temporary();
    } catch (RuntimeException e) {
      deleteTopicIfCreatedInVain();
      throw e;
    }
    createdTopicUnused = false;
    return new PubSubSubscription(clients, prepared, options, events);
  }

  /**
   * A subscriber refused at once (its --subscription belongs to another topic, say) must not leave
   * behind the topic it created on connecting: deleted, unless somebody subscribed to it meanwhile.
   */
  private void deleteTopicIfCreatedInVain() {
    if (!createdTopicUnused) {
      return;
    }
    createdTopicUnused = false;
    try {
      if (clients.topicSubscriptions(topic, 1).isEmpty()) {
        clients.deleteTopic(topic);
        LOG.info("deleted topic {}, created for a subscription that was refused", topic);
      }
    } catch (PubSubCallException e) {
      LOG.warn("could not delete topic {} created for a refused subscription: {}", topic,
          PubSubErrors.oneLine(e.getMessage()));
    }
  }

  @Override
  public Capabilities capabilities() {
    return PubSubTransport.CAPABILITIES;
  }

  @Override
  public String describe() {
    return (clients.settings.usesEmulator() ? "Pub/Sub emulator " + clients.settings.emulatorHost() : "Google Cloud Pub/Sub")
        + " " + describeTopic();
  }

  @Override
  public String room() {
    return topic.topic();
  }

  private String describeTopic() {
    return "topic '" + topic.topic() + "' in project '" + topic.project() + "'";
  }

  @Override
  public void close() {
    closed = true;
    flushPublisher();
    for (CompletableFuture<PublishReceipt> receipt : List.copyOf(unconfirmed)) {
      receipt.completeExceptionally(new TransportException(Kind.CLOSED,
          "the transport was closed before Pub/Sub confirmed the message: it may not have been delivered"));
    }
    clients.close();
  }

  /** Sends what is batched and waits a little for the confirmations. */
  private void flushPublisher() {
    if (!publisher.shutdown(PUBLISHER_FLUSH)) {
      LOG.debug("the publisher did not finish within {}", PUBLISHER_FLUSH);
    }
  }
}
