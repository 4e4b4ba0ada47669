package dev.lwqueue.pubsub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
  private final PubSubClients clients;
  private final TopicPath topic;

  private PubSubWorkQueues(PubSubClients clients, TopicPath topic) {
    this.clients = clients;
    this.topic = topic;
  }

  /** Connects and checks the room's topic (creating it when missing, as the chat does). */
  public static PubSubWorkQueues connect(PubSubSettings settings) {
    PubSubClients clients = PubSubClients.open(settings);
    try {
      TopicPath topic = settings.topicName(clients.project);
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
    SubscriptionPath replay = ensureSide(replayName(options.name()));
    Lease lease = new Lease(options.prefetch());
    Puller main = new Puller(prepared.name(), handler, lease);
    Puller replays = new Puller(replay, handler, lease);
    main.start();
    replays.start();
    return new PubSubWorkSubscription(options.name(), List.of(main, replays), lease);
  }

  /** A topic and its subscription of the same name that never expire: dead letters wait for somebody. */
  private SubscriptionPath ensureSide(String name) {
    TopicPath sideTopic = new TopicPath(clients.project, name);
    SubscriptionPath subscription = new SubscriptionPath(clients.project, name);
    try {
      clients.createTopic(sideTopic);
    } catch (PubSubCallException e) {
      if (e.code() != RpcCode.ALREADY_EXISTS) {
        throw PubSubErrors.of(e, "create topic '" + name + "'", clients.settings);
      }
      LOG.debug("topic {} exists", sideTopic);
    }
    ObjectNode config = PubSubClients.object()
        .put("topic", sideTopic.toString())
        .put("ackDeadlineSeconds", LEASE_SECONDS);
    config.putObject("expirationPolicy"); // with no ttl: never expires
    config.putObject("labels").put("created-by", "lwqueue");
    try {
      clients.createSubscription(subscription, config);
    } catch (PubSubCallException e) {
      if (e.code() != RpcCode.ALREADY_EXISTS) {
        throw PubSubErrors.of(e, "create subscription '" + name + "'", clients.settings);
      }
      LOG.debug("subscription {} exists", subscription);
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
        + " topic '" + topic.topic() + "'";
  }

  @Override
  public void close() {
    clients.close();
  }

  private static Map<String, String> attributes(ReceivedMessage message) {
    Map<String, String> attributes = new HashMap<>(message.attributes());
    attributes.putIfAbsent(MESSAGE_ID_ATTRIBUTE, message.messageId());
    return attributes;
  }

  /** One message, in a request of its own, with the publisher's timeout and retries of Google's admin calls. */
  private void publish(TopicPath to, byte[] body, Map<String, String> attributes) {
    ArrayNode messages = PubSubRest.JSON.createArrayNode().add(PubSubDriver.message(body, attributes));
    clients.publish(to, messages, PubSubClients.ADMIN_TIMEOUT);
  }

  private void modifyDeadline(SubscriptionPath subscription, List<String> ackIds, int seconds) {
    if (!ackIds.isEmpty()) {
      clients.modifyAckDeadline(subscription, ackIds, seconds);
    }
  }

  private void acknowledge(SubscriptionPath subscription, List<String> ackIds) {
    if (!ackIds.isEmpty()) {
      clients.acknowledge(subscription, ackIds);
    }
  }

  /** One pull of up to {@code max} messages, empty when none came within the pull timeout. */
  private List<ReceivedMessage> pull(SubscriptionPath subscription, int max) {
    try {
      return clients.pull(subscription, max, PULL_TIMEOUT).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PubSubCallException(RpcCode.CANCELLED, "interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof PubSubCallException call) {
        if (call.code() == RpcCode.DEADLINE_EXCEEDED) {
          return List.of();
        }
        throw call;
      }
      throw new PubSubCallException(RpcCode.UNKNOWN, String.valueOf(e.getCause()), e.getCause());
    }
  }

  /** The messages a consumer holds, by subscription and ack id, with their deadlines kept extended. */
  private final class Lease {
    final int capacity;
    final Map<String, SubscriptionPath> held = new ConcurrentHashMap<>();
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
      Map<SubscriptionPath, List<String>> bySubscription = new HashMap<>();
      held.forEach((ackId, sub) -> bySubscription.computeIfAbsent(sub, k -> new ArrayList<>()).add(ackId));
      bySubscription.forEach((sub, ids) -> {
        try {
          modifyDeadline(sub, ids, LEASE_SECONDS);
        } catch (PubSubCallException e) {
          LOG.warn("could not extend the lease of {} messages on {}: they may be delivered again", ids.size(), sub, e);
        }
      });
    }
  }

  /** Pulls one subscription on a thread of its own while the lease has room. */
  private final class Puller {
    private final SubscriptionPath subscription;
    private final WorkHandler handler;
    private final Lease lease;
    private final Thread thread;
    private volatile boolean receiving = true;

    Puller(SubscriptionPath subscription, WorkHandler handler, Lease lease) {
      this.subscription = subscription;
      this.handler = handler;
      this.lease = lease;
      this.thread = new Thread(this::loop, "lwqueue-pubsub-work-" + subscription.subscription());
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
          modifyDeadline(subscription, batch.stream().map(ReceivedMessage::ackId).toList(), LEASE_SECONDS);
        } catch (PubSubCallException e) {
          LOG.info("pull from {} failed ({}); again in a second", subscription, e.getMessage());
          pause(1000);
          continue;
        }
        for (ReceivedMessage received : batch) {
          if (!receiving) {
            release(received.ackId());
            continue;
          }
          lease.held.put(received.ackId(), subscription);
          handler.onDelivery(Delivery.of(received.data(), received.deliveryAttempt() > 1,
              attributes(received)), new AckIdSettlement(received.ackId()));
        }
      }
    }

    private void release(String ackId) {
      try {
        modifyDeadline(subscription, List.of(ackId), 0);
      } catch (PubSubCallException e) {
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
          } catch (PubSubCallException e) {
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
      Map<SubscriptionPath, List<String>> bySubscription = new HashMap<>();
      lease.held.forEach((ackId, sub) -> bySubscription.computeIfAbsent(sub, k -> new ArrayList<>()).add(ackId));
      lease.held.clear();
      bySubscription.forEach((sub, ids) -> {
        try {
          modifyDeadline(sub, ids, 0);
        } catch (PubSubCallException e) {
          LOG.debug("could not return {} messages on {}", ids.size(), sub, e);
        }
      });
    }
  }

  /** The dead letters of one queue: a topic and its subscription, both {@code NAME-dead-letters}. */
  private final class PubSubDeadLetters implements DeadLetters {
    private final String queue;
    private final TopicPath deadTopic;
    private final SubscriptionPath deadSubscription;

    PubSubDeadLetters(String queue) {
      this.queue = queue;
      this.deadTopic = new TopicPath(clients.project, deadLetterName(queue));
      this.deadSubscription = new SubscriptionPath(clients.project, deadLetterName(queue));
    }

    @Override
    public String queue() {
      return queue;
    }

    @Override
    public String describe() {
      return "dead-letter topic '" + deadTopic.topic() + "' (subscription '" + deadSubscription.subscription() + "')";
    }

    @Override
    public CompletableFuture<Void> add(byte[] body, Map<String, String> attributes) {
      try {
        publish(deadTopic, body, attributes);
        return CompletableFuture.completedFuture(null);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(PubSubErrors.of(e, "store a dead letter in topic '" + deadTopic.topic() + "'",
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
            seen.add(received.ackId());
            letters.add(new DeadLetter(received.data(), attributes(received)));
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
      TopicPath replayTopic = new TopicPath(clients.project, replayName(queue));
      int replayed = 0;
      try {
        while (replayed < max) {
          List<ReceivedMessage> batch = pull(deadSubscription, Math.min(max - replayed, MAX_PULL));
          if (batch.isEmpty()) {
            break;
          }
          for (ReceivedMessage received : batch) {
            Map<String, String> attributes = DeadLetters.originalAttributes(attributes(received));
            publish(replayTopic, received.data(), attributes);
            acknowledge(deadSubscription, List.of(received.ackId()));
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
          acknowledge(deadSubscription, batch.stream().map(ReceivedMessage::ackId).toList());
          purged += batch.size();
        }
      } catch (RuntimeException e) {
        throw failure(e, "purge");
      }
    }

    private TransportException failure(RuntimeException e, String what) {
      if (e instanceof PubSubCallException call && call.code() == RpcCode.NOT_FOUND) {
        return new TransportException(TransportException.Kind.NOT_FOUND,
            "queue '" + queue + "' has no dead letters: there is no subscription '" + deadSubscription.subscription()
                + "' (no webhook bridge has run with --queue " + queue + ")", e);
      }
      return PubSubErrors.of(e, what + " the dead letters of '" + queue + "'", clients.settings);
    }
  }
}
