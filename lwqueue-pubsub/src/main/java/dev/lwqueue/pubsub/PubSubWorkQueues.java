package dev.lwqueue.pubsub;

import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.TopicName;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.work.DeadLetters;
import dev.lwqueue.core.work.Settlement;
import dev.lwqueue.core.work.WorkHandler;
import dev.lwqueue.core.work.WorkQueues;
import dev.lwqueue.core.work.WorkSubscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work queues on Pub/Sub: the bridge's named subscription on the room's topic; a dead-letter topic
 * {@code NAME-dead-letters} with a subscription of the same name that keeps them; and a replay
 * topic {@code NAME-replay} whose subscription the bridge reads too, so replayed dead letters reach
 * this bridge alone and not the whole room. Messages are leased: while the bridge holds one (in
 * flight or waiting out a back-off) its ack deadline is extended, so Pub/Sub does not hand it out
 * a second time meanwhile.
 */
public final class PubSubWorkQueues implements WorkQueues {

  private static final Logger LOG = LoggerFactory.getLogger(PubSubWorkQueues.class);

  static final Duration PULL_TIMEOUT = Duration.ofSeconds(2);
  /** How long each lease extension lasts, and how often they are renewed (a third of it). */
  static final int LEASE_SECONDS = 60;
  private static final int MAX_PULL = 1000;
  private static final long RENEWAL_NANOS = Duration.ofSeconds(LEASE_SECONDS / 3).toNanos();
  /** One attempt per pull, given up after {@link #PULL_TIMEOUT}: the puller's loop is the retry. */
  private static final GrpcCallContext PULL_CONTEXT =
      GrpcCallContext.createDefault()
          .withRetrySettings(RetrySettings.newBuilder().setLogicalTimeout(PULL_TIMEOUT).setMaxAttempts(1).build())
          .withRetryableCodes(Set.of());
  private static final int MAX_ATTRIBUTE_VALUE_BYTES = 1024;

  private final PubSubClients clients;
  /** Taken once: every pull, acknowledgement and lease renewal goes through it. */
  private final SubscriptionAdminClient subscriber;
  private final TopicName topic;

  private PubSubWorkQueues(PubSubClients clients, TopicName topic) {
    this.clients = clients;
    this.subscriber = clients.subscriptions();
    this.topic = topic;
  }

  /** Connects and checks the room's topic (creating it when missing, as the chat does). */
  public static PubSubWorkQueues connect(PubSubSettings settings) {
    PubSubClients clients = PubSubClients.open(settings);
    try {
      TopicName topic = settings.topicName(clients.project);
      PubSubDriver.ensureTopic(clients, topic);
      return new PubSubWorkQueues(clients, topic);
    } catch (RuntimeException e) {
      clients.close();
      throw PubSubErrors.of(e, "open topic '" + settings.topic() + "'", settings);
    }
  }

  public static String deadLetterName(String queue) {
    return queue + "-dead-letters";
  }

  public static String replayName(String queue) {
    return queue + "-replay";
  }

  @Override
  public WorkSubscription consume(SubscribeOptions options, WorkHandler handler) {
    if (!options.isNamed()) {
      throw new IllegalArgumentException("a work queue needs a name");
    }
    SubscriptionSetup.Prepared prepared = new SubscriptionSetup(clients, topic).named(options, false);
    ensureSide(deadLetterName(options.name()));
    ProjectSubscriptionName replay = ensureSide(replayName(options.name()));
    Lease lease = new Lease(options.prefetch());
    Puller main = new Puller(prepared.name(), handler, lease);
    Puller replays = new Puller(replay, handler, lease);
    main.start();
    replays.start();
    return new PubSubWorkSubscription(options.name(), List.of(main, replays), lease);
  }

  /** A topic and its subscription of the same name that never expire: dead letters wait for somebody. */
  private ProjectSubscriptionName ensureSide(String name) {
    TopicName sideTopic = TopicName.of(clients.project, name);
    ProjectSubscriptionName subscription = ProjectSubscriptionName.of(clients.project, name);
    try {
      clients.topics.createTopic(Topic.newBuilder().setName(sideTopic.toString()).build());
    } catch (AlreadyExistsException e) {
      LOG.debug("topic {} exists", sideTopic);
    } catch (ApiException e) {
      throw PubSubErrors.of(e, "create topic '" + name + "'", clients.settings);
    }
    try {
      subscriber.createSubscription(
          com.google.pubsub.v1.Subscription.newBuilder()
              .setName(subscription.toString())
              .setTopic(sideTopic.toString())
              .setAckDeadlineSeconds(LEASE_SECONDS)
              .setExpirationPolicy(com.google.pubsub.v1.ExpirationPolicy.newBuilder().build())
              .putLabels("created-by", "lwqueue")
              .build());
    } catch (AlreadyExistsException e) {
      LOG.debug("subscription {} exists", subscription);
    } catch (ApiException e) {
      throw PubSubErrors.of(e, "create subscription '" + name + "'", clients.settings);
    }
    return subscription;
  }

  @Override
  public DeadLetters deadLetters(String queue) {
    return new PubSubDeadLetters(queue);
  }

  @Override
  public String describe() {
    return (clients.settings.usesEmulator() ? "Pub/Sub emulator " + clients.settings.emulatorHost() : "Google Cloud Pub/Sub")
        + " topic '" + topic.getTopic() + "'";
  }

  @Override
  public void close() {
    clients.close();
  }

  private static Map<String, String> attributes(PubsubMessage message) {
    Map<String, String> attributes = new HashMap<>(message.getAttributesMap());
    attributes.putIfAbsent(MESSAGE_ID_ATTRIBUTE, message.getMessageId());
    return attributes;
  }

  private void publish(TopicName to, byte[] body, Map<String, String> attributes) {
    Map<String, String> limited = new HashMap<>();
    attributes.forEach((k, v) -> limited.put(k, PubSubDriver.truncateUtf8(v, MAX_ATTRIBUTE_VALUE_BYTES)));
    clients.topics.publish(to, List.of(
        PubsubMessage.newBuilder().setData(ByteString.copyFrom(body)).putAllAttributes(limited).build()));
  }

  private void modifyDeadline(ProjectSubscriptionName subscription, List<String> ackIds, int seconds) {
    if (!ackIds.isEmpty()) {
      subscriber.modifyAckDeadlineCallable().call(ModifyAckDeadlineRequest.newBuilder()
          .setSubscription(subscription.toString()).addAllAckIds(ackIds).setAckDeadlineSeconds(seconds).build());
    }
  }

  private void acknowledge(ProjectSubscriptionName subscription, List<String> ackIds) {
    if (!ackIds.isEmpty()) {
      subscriber.acknowledgeCallable().call(AcknowledgeRequest.newBuilder()
          .setSubscription(subscription.toString()).addAllAckIds(ackIds).build());
    }
  }

  /** One pull of up to {@code max} messages, empty when none came within the pull timeout. */
  private List<ReceivedMessage> pull(ProjectSubscriptionName subscription, int max) {
    try {
      PullResponse response = subscriber.pullCallable().call(
          PullRequest.newBuilder().setSubscription(subscription.toString()).setMaxMessages(max).build(), PULL_CONTEXT);
      return response.getReceivedMessagesList();
    } catch (ApiException e) {
      if (e.getStatusCode().getCode() == StatusCode.Code.DEADLINE_EXCEEDED) {
        return List.of();
      }
      throw e;
    }
  }

  /** The messages a consumer holds, by subscription and ack id, with their deadlines kept extended. */
  private final class Lease {
    final int capacity;
    final Map<String, ProjectSubscriptionName> held = new ConcurrentHashMap<>();
    private long lastRenewalNanos = System.nanoTime();

    Lease(int capacity) {
      this.capacity = capacity;
    }

    int room() {
      return Math.max(0, capacity - held.size());
    }

    /** Renews every held lease a third of the way through; called by the pullers between pulls. */
    synchronized void renewIfDue() {
      if (System.nanoTime() - lastRenewalNanos < RENEWAL_NANOS) {
        return;
      }
      lastRenewalNanos = System.nanoTime();
      Map<ProjectSubscriptionName, List<String>> bySubscription = new HashMap<>();
      held.forEach((ackId, sub) -> bySubscription.computeIfAbsent(sub, k -> new ArrayList<>()).add(ackId));
      bySubscription.forEach((sub, ids) -> {
        try {
          modifyDeadline(sub, ids, LEASE_SECONDS);
        } catch (ApiException e) {
          LOG.warn("could not extend the lease of {} messages on {}: they may be delivered again", ids.size(), sub, e);
        }
      });
    }
  }

  /** Pulls one subscription on a thread of its own while the lease has room. */
  private final class Puller {
    private final ProjectSubscriptionName subscription;
    private final WorkHandler handler;
    private final Lease lease;
    private final Thread thread;
    private volatile boolean receiving = true;

    Puller(ProjectSubscriptionName subscription, WorkHandler handler, Lease lease) {
      this.subscription = subscription;
      this.handler = handler;
      this.lease = lease;
      this.thread = new Thread(this::loop, "lwqueue-pubsub-work-" + subscription.getSubscription());
      this.thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void stop() {
      receiving = false;
    }

    void join() {
      try {
        thread.join(PULL_TIMEOUT.toMillis() + 3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void loop() {
      while (receiving) {
        lease.renewIfDue();
        int room = Math.min(lease.room(), MAX_PULL);
        if (room == 0) {
          pause(50);
          continue;
        }
        List<ReceivedMessage> batch;
        try {
          batch = pull(subscription, room);
          // Every received message gets its lease at once: the subscription's own deadline may be 10 s.
          modifyDeadline(subscription, batch.stream().map(ReceivedMessage::getAckId).toList(), LEASE_SECONDS);
        } catch (ApiException e) {
          LOG.info("pull from {} failed ({}); again in a second", subscription, e.getMessage());
          pause(1000);
          continue;
        }
        for (ReceivedMessage received : batch) {
          if (!receiving) {
            release(received.getAckId());
            continue;
          }
          lease.held.put(received.getAckId(), subscription);
          PubsubMessage message = received.getMessage();
          handler.onDelivery(Delivery.of(message.getData().toByteArray(), received.getDeliveryAttempt() > 1,
              attributes(message)), new AckIdSettlement(received.getAckId()));
        }
      }
    }

    private void release(String ackId) {
      try {
        modifyDeadline(subscription, List.of(ackId), 0);
      } catch (ApiException e) {
        LOG.debug("could not return message on {}; it comes back after its deadline", subscription, e);
      }
    }

    private void pause(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        receiving = false;
      }
    }

    /** Settles one message: acknowledge, or a deadline of 0 so it is delivered again at once. */
    private final class AckIdSettlement implements Settlement {
      private final String ackId;
      private final AtomicBoolean settled = new AtomicBoolean();

      AckIdSettlement(String ackId) {
        this.ackId = ackId;
      }

      @Override
      public void ack() {
        if (settled.compareAndSet(false, true)) {
          lease.held.remove(ackId);
          try {
            acknowledge(subscription, List.of(ackId));
          } catch (ApiException e) {
            LOG.warn("could not acknowledge a message on {}: it will be delivered again", subscription, e);
          }
        }
      }

      @Override
      public void requeue() {
        if (settled.compareAndSet(false, true)) {
          lease.held.remove(ackId);
          release(ackId);
        }
      }
    }
  }

  private final class PubSubWorkSubscription implements WorkSubscription {
    private final String name;
    private final List<Puller> pullers;
    private final Lease lease;
    private boolean closed;

    PubSubWorkSubscription(String name, List<Puller> pullers, Lease lease) {
      this.name = name;
      this.pullers = pullers;
      this.lease = lease;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void stopReceiving() {
      pullers.forEach(Puller::stop);
      pullers.forEach(Puller::join);
    }

    /** Whatever is still held goes back at once rather than after its lease. */
    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      stopReceiving();
      Map<ProjectSubscriptionName, List<String>> bySubscription = new HashMap<>();
      lease.held.forEach((ackId, sub) -> bySubscription.computeIfAbsent(sub, k -> new ArrayList<>()).add(ackId));
      lease.held.clear();
      bySubscription.forEach((sub, ids) -> {
        try {
          modifyDeadline(sub, ids, 0);
        } catch (ApiException e) {
          LOG.debug("could not return {} messages on {}", ids.size(), sub, e);
        }
      });
    }
  }

  /** The dead letters of one queue: a topic and its subscription, both {@code NAME-dead-letters}. */
  private final class PubSubDeadLetters implements DeadLetters {
    private final String queue;
    private final TopicName deadTopic;
    private final ProjectSubscriptionName deadSubscription;

    PubSubDeadLetters(String queue) {
      this.queue = queue;
      this.deadTopic = TopicName.of(clients.project, deadLetterName(queue));
      this.deadSubscription = ProjectSubscriptionName.of(clients.project, deadLetterName(queue));
    }

    @Override
    public String queue() {
      return queue;
    }

    @Override
    public String describe() {
      return "dead-letter topic '" + deadTopic.getTopic() + "' (subscription '" + deadSubscription.getSubscription() + "')";
    }

    @Override
    public CompletableFuture<Void> add(byte[] body, Map<String, String> attributes) {
      try {
        publish(deadTopic, body, attributes);
        return CompletableFuture.completedFuture(null);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(PubSubErrors.of(e, "store a dead letter in topic '" + deadTopic.getTopic() + "'",
            clients.settings));
      }
    }

    @Override
    public List<DeadLetter> list(int max) {
      List<DeadLetter> letters = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      try {
        while (letters.size() < max) {
          List<ReceivedMessage> batch = pull(deadSubscription, Math.min(max - letters.size(), MAX_PULL));
          if (batch.isEmpty()) {
            break;
          }
          for (ReceivedMessage received : batch) {
            seen.add(received.getAckId());
            letters.add(new DeadLetter(received.getMessage().getData().toByteArray(), attributes(received.getMessage())));
          }
        }
        return letters;
      } catch (RuntimeException e) {
        throw failure(e, "list");
      } finally {
        // Looked at, not taken: every one goes back at once.
        try {
          modifyDeadline(deadSubscription, seen, 0);
        } catch (RuntimeException e) {
          LOG.debug("could not return listed dead letters; they come back after their deadline", e);
        }
      }
    }

    @Override
    public int replay(int max) {
      TopicName replayTopic = TopicName.of(clients.project, replayName(queue));
      int replayed = 0;
      try {
        while (replayed < max) {
          List<ReceivedMessage> batch = pull(deadSubscription, Math.min(max - replayed, MAX_PULL));
          if (batch.isEmpty()) {
            break;
          }
          for (ReceivedMessage received : batch) {
            Map<String, String> attributes = DeadLetters.originalAttributes(attributes(received.getMessage()));
            publish(replayTopic, received.getMessage().getData().toByteArray(), attributes);
            acknowledge(deadSubscription, List.of(received.getAckId()));
            replayed++;
          }
        }
        return replayed;
      } catch (RuntimeException e) {
        throw failure(e, "replay");
      }
    }

    @Override
    public long purge() {
      long purged = 0;
      try {
        while (true) {
          List<ReceivedMessage> batch = pull(deadSubscription, MAX_PULL);
          if (batch.isEmpty()) {
            return purged;
          }
          acknowledge(deadSubscription, batch.stream().map(ReceivedMessage::getAckId).toList());
          purged += batch.size();
        }
      } catch (RuntimeException e) {
        throw failure(e, "purge");
      }
    }

    private TransportException failure(RuntimeException e, String what) {
      if (e instanceof NotFoundException) {
        return new TransportException(TransportException.Kind.NOT_FOUND,
            "queue '" + queue + "' has no dead letters: there is no subscription '" + deadSubscription.getSubscription()
                + "' (no webhook bridge has run with --queue " + queue + ")", e);
      }
      return PubSubErrors.of(e, what + " the dead letters of '" + queue + "'", clients.settings);
    }
  }
}
