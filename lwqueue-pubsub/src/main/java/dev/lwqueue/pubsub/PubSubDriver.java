package dev.lwqueue.pubsub;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.api.gax.batching.BatchingSettings;
import com.google.api.gax.core.FixedExecutorProvider;
import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.PermissionDeniedException;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.GetTopicRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.TopicName;
import dev.lwqueue.core.Capabilities;
import dev.lwqueue.core.ConnectionListener;
import dev.lwqueue.core.PortableTransport;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.driver.DriverSubscription;
import dev.lwqueue.core.driver.TransportDriver;
import dev.lwqueue.core.TransportException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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

  /** How long a publish may retry (for example while the emulator restarts) before it fails. */
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(60);

  /**
   * A single chat line must not wait for a batch to fill: a batch goes out after at most 1 ms,
   * and at once when it holds 100 messages or 64 KiB, which keeps bursts efficient.
   */
  static final BatchingSettings CHAT_BATCHING =
      BatchingSettings.newBuilder()
          .setDelayThresholdDuration(Duration.ofMillis(1))
          .setElementCountThreshold(100L)
          .setRequestByteThreshold(64L * 1024)
          .build();

  private final PubSubClients clients;
  private final TopicName topic;
  private final Publisher publisher;
  private final String orderingKey = "lwqueue-" + UUID.randomUUID();
  private final Set<CompletableFuture<PublishReceipt>> unconfirmed = ConcurrentHashMap.newKeySet();
  private final ConnectionListener events;
  private volatile boolean closed;
  /** Created by connect and not used yet: a subscribe refused now must not leave it behind. */
  private volatile boolean createdTopicUnused;

  private PubSubDriver(
      PubSubClients clients, TopicName topic, ConnectionListener events)
      throws java.io.IOException {
    this.clients = clients;
    this.events = events;
    this.topic = topic;
    this.publisher =
        Publisher.newBuilder(topic)
            .setChannelProvider(clients.channelProvider)
            .setCredentialsProvider(clients.credentialsProvider)
            .setExecutorProvider(FixedExecutorProvider.create(clients.executor))
            .setEnableMessageOrdering(true)
            .setBatchingSettings(CHAT_BATCHING)
            .setRetrySettings(
                RetrySettings.newBuilder()
                    .setTotalTimeoutDuration(PUBLISH_TIMEOUT)
                    .setInitialRetryDelayDuration(Duration.ofMillis(100))
                    .setRetryDelayMultiplier(2)
                    .setMaxRetryDelayDuration(Duration.ofSeconds(5))
                    .setInitialRpcTimeoutDuration(Duration.ofSeconds(10))
                    .setRpcTimeoutMultiplier(1)
                    .setMaxRpcTimeoutDuration(Duration.ofSeconds(10))
                    .build())
            .build();
  }

  /**
   * Connects, checks the topic and creates it when it is missing and the credentials allow it.
   * Fails within about the connect timeout with a one-line {@link TransportException}.
   */
  static PubSubDriver connect(PubSubSettings settings, ConnectionListener events) {
    PubSubClients clients = PubSubClients.open(settings);
    try {
      TopicName topic = settings.topicName(clients.project);
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
  static boolean ensureTopic(PubSubClients clients, TopicName topic) {
    PubSubSettings settings = clients.settings;
    // One attempt: a refused connection is reported at once, a silent endpoint after the timeout.
    GrpcCallContext probe =
        GrpcCallContext.createDefault()
            .withRetrySettings(
                RetrySettings.newBuilder().setLogicalTimeout(settings.connectTimeout()).setMaxAttempts(1).build());
    try {
      clients.topics.getTopicCallable().call(GetTopicRequest.newBuilder().setTopic(topic.toString()).build(), probe);
      return false;
    } catch (NotFoundException e) {
      LOG.info("topic {} does not exist: creating it", topic);
    } catch (PermissionDeniedException e) {
      LOG.info("may not read topic {} ({}): assuming it exists", topic, e.getMessage());
      return false;
    } catch (ApiException e) {
      throw PubSubErrors.of(e, "look up topic '" + topic.getTopic() + "' in project '" + topic.getProject() + "'", settings);
    }
    try {
      clients.topics.createTopic(Topic.newBuilder().setName(topic.toString()).build());
      return true;
    } catch (AlreadyExistsException e) {
      LOG.debug("topic {} was created meanwhile by somebody else", topic);
      return false;
    } catch (PermissionDeniedException e) {
      throw new TransportException(Kind.ACCESS_REFUSED,
          "topic '" + topic.getTopic() + "' does not exist in project '" + topic.getProject()
              + "' and these credentials may not create it: create it with 'gcloud pubsub topics create "
              + topic.getTopic() + " --project " + topic.getProject() + "' or use an account with roles/pubsub.editor",
          e);
    } catch (NotFoundException e) {
      throw new TransportException(Kind.NOT_FOUND,
          "project '" + topic.getProject() + "' not found, or these credentials cannot see it: check --project",
          e);
    } catch (ApiException e) {
      throw PubSubErrors.of(e, "create topic '" + topic.getTopic() + "' in project '" + topic.getProject() + "'", settings);
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
    PubsubMessage message =
        PubsubMessage.newBuilder()
            .setData(ByteString.copyFrom(body))
            .putAllAttributes(limitAttributes(attributes))
            .setOrderingKey(orderingKey)
            .build();
    CompletableFuture<PublishReceipt> receipt = new CompletableFuture<>();
    unconfirmed.add(receipt);
    receipt.whenComplete((r, e) -> unconfirmed.remove(receipt));
    ApiFuture<String> id;
    try {
      id = publisher.publish(message);
    } catch (IllegalStateException e) {
      receipt.completeExceptionally(closed ? PortableTransport.closedException() : PubSubErrors.of(e, "publish", clients.settings));
      return receipt;
    }
    ApiFutures.addCallback(id, new ApiFutureCallback<String>() {
      @Override
      public void onSuccess(String messageId) {
        receipt.complete(new PublishReceipt(messageId, PublishReceipt.Routing.UNKNOWN));
      }

      @Override
      public void onFailure(Throwable failure) {
        receipt.completeExceptionally(PubSubErrors.of(failure, "publish to " + describeTopic(), clients.settings));
        resumeAfterFailure();
      }
    }, MoreExecutors.directExecutor());
    return receipt;
  }

  /**
   * A failed message pauses its ordering key, so later messages would fail too; the sender
   * learns of the failure from its receipt, and the chat goes on with the next message.
   */
  private void resumeAfterFailure() {
    try {
      publisher.resumePublish(orderingKey);
    } catch (IllegalStateException e) {
      LOG.debug("publisher already shut down", e);
    }
  }

  /** Pub/Sub refuses attribute values over 1 KiB; the body carries the full value anyway. */
  private static Map<String, String> limitAttributes(Map<String, String> attributes) {
    Map<String, String> limited = new HashMap<>(attributes.size());
    attributes.forEach((k, v) -> limited.put(k, truncateUtf8(v, MAX_ATTRIBUTE_VALUE_BYTES)));
    return limited;
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
      if (!clients.topics.listTopicSubscriptions(topic).iterateAll().iterator().hasNext()) {
        clients.topics.deleteTopic(topic);
        LOG.info("deleted topic {}, created for a subscription that was refused", topic);
      }
    } catch (ApiException e) {
      LOG.warn("could not delete topic {} created for a refused subscription: {}", topic, e.getMessage());
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
    return topic.getTopic();
  }

  private String describeTopic() {
    return "topic '" + topic.getTopic() + "' in project '" + topic.getProject() + "'";
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

  /**
   * Sends what is batched and waits a little for the confirmations. The client's own shutdown
   * waits for every outstanding publish, however long its retries take, so it runs aside.
   */
  private void flushPublisher() {
    Thread flusher = new Thread(() -> {
      try {
        publisher.shutdown();
        publisher.awaitTermination(PUBLISHER_FLUSH.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.debug("publisher shutdown failed", e);
      }
    }, "lwqueue-pubsub-flush");
    flusher.setDaemon(true);
    flusher.start();
    try {
      flusher.join(PUBLISHER_FLUSH.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
