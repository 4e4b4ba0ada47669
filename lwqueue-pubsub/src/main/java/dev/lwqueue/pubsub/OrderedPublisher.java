package dev.lwqueue.pubsub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one sender's messages in the order they were given, in batches, one batch in flight
 * at a time (a second would race the first, and Pub/Sub keeps a key's order only as it receives
 * them). A single chat line does not wait for a batch to fill: a batch goes out after at most
 * {@link #DELAY}, and at once when it holds {@link #MAX_COUNT} messages or {@link #MAX_BYTES},
 * which keeps bursts efficient. A batch that fails after its retries fails the messages queued
 * behind it too (they could not keep their place), and the sender goes on with the next one.
 *
 * <p>The thread that sends starts with the first message: a subscriber that never speaks has none.
 */
final class OrderedPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(OrderedPublisher.class);

  static final Duration DELAY = Duration.ofMillis(1);
  static final int MAX_COUNT = 100;
  static final int MAX_BYTES = 64 * 1024;
  /** How long one batch may retry (for example while the emulator restarts) before it fails. */
  static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);
  /** What Google's publisher retries. */
  private static final Set<RpcCode> RETRYABLE = Set.of(
      RpcCode.ABORTED, RpcCode.CANCELLED, RpcCode.INTERNAL, RpcCode.RESOURCE_EXHAUSTED, RpcCode.UNKNOWN,
      RpcCode.UNAVAILABLE, RpcCode.DEADLINE_EXCEEDED);

  private record Pending(ObjectNode message, int bytes, CompletableFuture<String> messageId) {}

  /** Queued by shutdown behind the last message: the sender ends when it gets there. */
  private static final Pending END = new Pending(null, 0, null);

  private final PubSubClients clients;
  private final TopicPath topic;
  private final LinkedBlockingDeque<Pending> queue = new LinkedBlockingDeque<>();
  private Thread sender; // guarded by this
  private boolean shutdown; // guarded by this

  OrderedPublisher(PubSubClients clients, TopicPath topic) {
    this.clients = clients;
    this.topic = topic;
  }

  /**
   * Queues a message: Pub/Sub's message object, and its size as Pub/Sub counts it.
   *
   * @return its message ID once Pub/Sub confirmed it
   * @throws IllegalStateException after {@link #shutdown}
   */
  synchronized CompletableFuture<String> publish(ObjectNode message, int bytes) {
    if (shutdown) {
      throw new IllegalStateException("the publisher is shut down");
    }
    if (sender == null) {
      sender = new Thread(this::sendLoop, "lwqueue-pubsub-publish");
      sender.setDaemon(true);
      sender.start();
    }
    CompletableFuture<String> messageId = new CompletableFuture<>();
    queue.add(new Pending(message, bytes, messageId));
    return messageId;
  }

  /**
   * Takes no more messages, sends what is queued, and waits up to {@code wait} for it; then stops
   * sending. Returns whether everything queued was sent.
   */
  boolean shutdown(Duration wait) {
    Thread thread;
    synchronized (this) {
      shutdown = true;
      thread = sender;
    }
    if (thread == null) {
      return true;
    }
    // Not an interrupt: the JDK's HTTP client cancels a request whose thread is interrupted.
    queue.add(END);
    try {
      thread.join(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      stopping = true;
      thread.interrupt();
      return false;
    }
    return true;
  }

  /** Set once shutdown's wait is over: the sender gives up what it still has. */
  private volatile boolean stopping;

  private void sendLoop() {
    while (!stopping) {
      Pending first;
      try {
        first = queue.take();
      } catch (InterruptedException e) {
        break; // shutdown's wait is over
      }
      if (first == END) {
        return;
      }
      send(gather(first));
    }
    failQueued(new CancellationException("the publisher was shut down"));
  }

  /** The batch that starts with {@code first}: what arrives within the delay, up to the limits. */
  private List<Pending> gather(Pending first) {
    List<Pending> batch = new ArrayList<>();
    batch.add(first);
    int bytes = first.bytes();
    long deadline = System.nanoTime() + DELAY.toNanos();
    while (batch.size() < MAX_COUNT && bytes < MAX_BYTES) {
      Pending next;
      try {
        long left = deadline - System.nanoTime();
        next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
      } catch (InterruptedException e) {
        break; // shutdown's wait is over: send what is gathered, or fail it
      }
      if (next == null) {
        break;
      }
      if (next == END) {
        queue.addFirst(next);
        break;
      }
      // A batch holds at most MAX_BYTES unless one message alone is larger: a request stays
      // within Pub/Sub's 10 MB however the messages come.
      if (bytes + next.bytes() > MAX_BYTES) {
        queue.addFirst(next);
        break;
      }
      batch.add(next);
      bytes += next.bytes();
    }
    return batch;
  }

  private void send(List<Pending> batch) {
    long deadline = System.nanoTime() + PUBLISH_TIMEOUT.toNanos();
    long delayMillis = 100;
    while (true) {
      ArrayNode messages = PubSubRest.JSON.createArrayNode();
      batch.forEach(p -> messages.add(p.message()));
      RuntimeException failure;
      try {
        List<String> ids = clients.publish(topic, messages, ATTEMPT_TIMEOUT);
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).messageId().complete(ids.get(i));
        }
        return;
      } catch (PubSubCallException e) {
        failure = e;
        boolean timeLeft = System.nanoTime() + delayMillis * 1_000_000 < deadline;
        if (RETRYABLE.contains(e.code()) && timeLeft && !stopping) {
          LOG.debug("publish to {} failed ({}): again in {} ms", topic, e.code(), delayMillis);
          if (pause(delayMillis)) {
            delayMillis = Math.min(delayMillis * 2, MAX_RETRY_DELAY.toMillis());
            continue;
          }
        }
      } catch (RuntimeException e) {
        failure = e;
      }
      batch.forEach(p -> p.messageId().completeExceptionally(failure));
      failQueued(new CancellationException("an earlier message failed"));
      return;
    }
  }

  /** Waits between attempts; false when shutdown's wait is over and the sender should give up. */
  private boolean pause(long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    while (!stopping) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        return false; // shutdown's wait is over
      }
    }
    return false;
  }

  private void failQueued(Throwable reason) {
    for (Pending p = queue.poll(); p != null; p = queue.poll()) {
      if (p == END) {
        queue.addFirst(p); // the sender still ends there
        return;
      }
      p.messageId().completeExceptionally(reason);
    }
  }
}
