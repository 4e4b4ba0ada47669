package dev.lwqueue.pubsub;

import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConnectionEvent;
import dev.lwqueue.core.ConnectionListener;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.driver.DriverSubscription;
import dev.lwqueue.core.driver.Inbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives from one subscription with long-polling unary pulls on a thread of its own, and hands
 * each message to the inbox in the order Pub/Sub gave it; its acknowledgement ids are Pub/Sub ack
 * ids.
 *
 * <p>Why not StreamingPull (the Google client library's {@code Subscriber})? The Pub/Sub emulator never
 * notices a streaming pull that the client closed: it keeps handing messages to the dead stream,
 * where they sit until their ack deadline. The {@code Subscriber} closes streams on stop and, with
 * emulators that do not answer its keepalive pings (before 0.8.32), after every idle minute; on
 * the emulator installed here half of the messages then arrived a minute late or not at all. A
 * unary pull that is never cancelled, with a deadline the emulator honours (it answers about a
 * second before it), leaves nothing behind; Google Cloud serves it just as well for a chat. Over
 * REST the deadline travels in a header (see {@link PubSubRest#callAsync}): without it the
 * emulator holds an empty pull for 90 seconds, and a client that gave up first would leave
 * behind exactly such a dead pull.
 */
final class PubSubSubscription implements DriverSubscription<String> {

  private static final Logger LOG = LoggerFactory.getLogger(PubSubSubscription.class);

  /** How long one pull waits for messages; also the longest close() waits for a named subscription. */
  static final Duration PULL_TIMEOUT = Duration.ofSeconds(2);
  /** Pub/Sub returns at most 1,000 messages per pull. */
  private static final int MAX_PULL = 1000;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  /** Errors that heal by themselves; every other code ends the subscription. */
  private static final Set<RpcCode> TRANSIENT = Set.of(
      RpcCode.UNAVAILABLE, RpcCode.DEADLINE_EXCEEDED, RpcCode.INTERNAL, RpcCode.ABORTED,
      RpcCode.RESOURCE_EXHAUSTED, RpcCode.UNKNOWN, RpcCode.CANCELLED);

  private final PubSubClients clients;
  private final SubscriptionSetup.Prepared prepared;
  private final SubscriptionPath path;
  private final ConnectionListener events;
  private final int maxMessages;
  private final Thread puller;
  private final CountDownLatch firstPull = new CountDownLatch(1);
  private volatile Inbox<String> inbox;
  private volatile TransportException firstFailure;
  private volatile boolean closed;
  private volatile CompletableFuture<List<ReceivedMessage>> inFlight;

  PubSubSubscription(
      PubSubClients clients, SubscriptionSetup.Prepared prepared, SubscribeOptions options, ConnectionListener events) {
    this.clients = clients;
    this.prepared = prepared;
    this.path = prepared.name();
    this.events = events;
    this.maxMessages = Math.min(options.effectivePrefetch(), MAX_PULL);
    this.puller = new Thread(this::pullLoop, "lwqueue-pubsub-pull-" + prepared.name().subscription());
    this.puller.setDaemon(true);
  }

  /**
   * Starts pulling. A subscription lwqueue could not look up (the account may only consume it) is
   * proven by its first pull, so that a missing subscription or a refused permission is reported
   * by subscribe() itself and not later.
   */
  @Override
  public void start(Inbox<String> inbox) {
    this.inbox = inbox;
    puller.start();
    if (prepared.verified()) {
      return;
    }
    try {
      firstPull.await(PULL_TIMEOUT.toMillis() + 3000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (firstFailure != null) {
      throw firstFailure;
    }
  }

  private void pullLoop() {
    Duration backoff = Duration.ZERO;
    long troubleSince = 0;
    while (!closed) {
      List<ReceivedMessage> response;
      try {
        CompletableFuture<List<ReceivedMessage>> pull = clients.pull(path, maxMessages, PULL_TIMEOUT);
        inFlight = pull;
        if (closed && prepared.temporary()) {
          pull.cancel(true); // stop() came between the check above and inFlight being set
        }
        response = pull.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (CancellationException e) {
        return; // close() cancelled the pull of a subscription it deletes
      } catch (ExecutionException e) {
        if (closed) {
          return;
        }
        RpcCode code = e.getCause() instanceof PubSubCallException call ? call.code() : null;
        if (code == RpcCode.DEADLINE_EXCEEDED) {
          continue; // Google may hold an empty pull until its deadline: nothing arrived, pull again
        }
        String detail = PubSubErrors.of(e.getCause(), "receive from subscription '" + name() + "'", clients.settings)
            .getMessage();
        if (code == null || !TRANSIENT.contains(code)) {
          LOG.warn("subscription {} failed for good: {}", prepared.name(), detail, e.getCause());
          if (firstPull.getCount() > 0 && !prepared.verified()) {
            firstFailure = PubSubErrors.of(e.getCause(), "receive from subscription '" + name() + "'", clients.settings);
            firstPull.countDown();
          } else {
            inbox.lost(detail);
          }
          return;
        }
        firstPull.countDown();
        if (troubleSince == 0) {
          troubleSince = System.nanoTime();
          events.onEvent(ConnectionEvent.of(ConnectionEvent.State.RECOVERING, detail));
        }
        backoff = backoff.isZero() ? Duration.ofMillis(200) : min(backoff.multipliedBy(2), MAX_BACKOFF);
        LOG.info("pull from {} failed ({}); again in {} ms", prepared.name(), detail, backoff.toMillis());
        sleep(backoff);
        continue;
      }
      firstPull.countDown();
      if (troubleSince != 0) {
        events.onEvent(new ConnectionEvent(ConnectionEvent.State.RECOVERED,
            "receiving from subscription '" + name() + "' again", Duration.ofNanos(System.nanoTime() - troubleSince)));
        troubleSince = 0;
        backoff = Duration.ZERO;
      }
      handle(response);
    }
  }

  /** Hands the batch over in order; what arrives after stop goes back at once, in one request. */
  private void handle(List<ReceivedMessage> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<String> filtered = new ArrayList<>();
    List<String> returned = new ArrayList<>();
    SubscriptionFilter filter = prepared.filter();
    String user = clients.settings.displayName();
    for (ReceivedMessage received : batch) {
      Map<String, String> attributes = received.attributes();
      if (closed) {
        returned.add(received.ackId());
      } else if ((filter == null || filter.matches(attributes)) && PrivateMessages.isFor(attributes, user)) {
        // Pub/Sub verifies no sender: the account stays unknown, and no name is ever marked verified.
        inbox.deliver(Delivery.of(received.data(), received.deliveryAttempt() > 1,
            attributes, null, attributes.get(ChatTransport.RECIPIENT_ATTRIBUTE)), received.ackId());
      } else {
        // Google applies the filter on the server; the emulator does not, so it is applied here too.
        LOG.debug("message {} does not match the filter of {}: dropped", received.messageId(), prepared.name());
        filtered.add(received.ackId());
      }
    }
    if (!filtered.isEmpty()) {
      acknowledge(filtered);
    }
    release(returned);
    inbox.endOfBatch();
  }

  @Override
  public void acknowledge(List<String> ackIds) {
    try {
      clients.acknowledge(path, ackIds);
    } catch (PubSubCallException e) {
      // Unacknowledged messages come again after the ack deadline: shown twice, never lost.
      LOG.warn("could not acknowledge {} messages on {}: {}", ackIds.size(), prepared.name(),
          PubSubErrors.oneLine(e.getMessage()));
    }
  }

  /** A deadline of zero hands them to the next pull; a temporary subscription is deleted anyway. */
  @Override
  public void release(List<String> ackIds) {
    if (ackIds.isEmpty() || prepared.temporary()) {
      return;
    }
    try {
      clients.modifyAckDeadline(path, ackIds, 0);
    } catch (PubSubCallException e) {
      LOG.warn("could not return {} messages on {}: {}", ackIds.size(), prepared.name(),
          PubSubErrors.oneLine(e.getMessage()));
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  @Override
  public String name() {
    return prepared.name().subscription();
  }

  @Override
  public boolean durable() {
    return !prepared.temporary();
  }

  @Override
  public String describe() {
    return "subscription '" + name() + "'";
  }

  /** Whether messages are checked against the subscription's filter on this side too. */
  boolean filtersOnClient() {
    return prepared.filter() != null;
  }

  /**
   * No new pull starts; a temporary subscription's pull is cancelled (it is deleted on close); a
   * named one's pull may finish (within {@link #PULL_TIMEOUT}), so the emulator hands its messages
   * to nobody else's pull, and what it brings goes back.
   */
  @Override
  public void stop() {
    closed = true;
    CompletableFuture<List<ReceivedMessage>> pull = inFlight;
    if (prepared.temporary() && pull != null && Thread.currentThread() != puller) {
      pull.cancel(true);
    }
  }

  /** Waits for the puller (unless called on it) and deletes a temporary subscription. */
  @Override
  public void close() {
    stop();
    if (Thread.currentThread() != puller && puller.isAlive()) {
      try {
        puller.join(PULL_TIMEOUT.toMillis() + 3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (prepared.temporary()) {
      SubscriptionSetup.delete(clients, prepared.name());
    }
  }
}
