package dev.lwqueue.pubsub;

import com.google.api.core.ApiFuture;
import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
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
 * <p>Why not the client library's {@code Subscriber} (StreamingPull)? The Pub/Sub emulator never
 * notices a streaming pull that the client closed: it keeps handing messages to the dead stream,
 * where they sit until their ack deadline. The {@code Subscriber} closes streams on stop and, with
 * emulators that do not answer its keepalive pings (before 0.8.32), after every idle minute; on
 * the emulator installed here half of the messages then arrived a minute late or not at all. A
 * unary pull that is never cancelled, with a deadline the emulator honours (it answers about a
 * second before it), leaves nothing behind; Google Cloud serves it just as well for a chat.
 */
final class PubSubSubscription implements DriverSubscription<String> {

  private static final Logger LOG = LoggerFactory.getLogger(PubSubSubscription.class);

  /** How long one pull waits for messages; also the longest close() waits for a named subscription. */
  static final Duration PULL_TIMEOUT = Duration.ofSeconds(2);
  /** Pub/Sub returns at most 1,000 messages per pull. */
  private static final int MAX_PULL = 1000;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  /** Errors that heal by themselves; every other code ends the subscription. */
  private static final Set<StatusCode.Code> TRANSIENT = Set.of(
      StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED, StatusCode.Code.INTERNAL,
      StatusCode.Code.ABORTED, StatusCode.Code.RESOURCE_EXHAUSTED, StatusCode.Code.UNKNOWN,
      StatusCode.Code.CANCELLED);

  private final PubSubClients clients;
  /** Taken once: every pull, acknowledgement and release goes through it. */
  private final SubscriptionAdminClient subscriber;
  private final SubscriptionSetup.Prepared prepared;
  /** The subscription's full path, named by every pull, acknowledgement and release; built once. */
  private final String path;
  private final ConnectionListener events;
  private final int maxMessages;
  private final Thread puller;
  private final CountDownLatch firstPull = new CountDownLatch(1);
  private volatile Inbox<String> inbox;
  private volatile TransportException firstFailure;
  private volatile boolean closed;
  private volatile ApiFuture<PullResponse> inFlight;

  PubSubSubscription(
      PubSubClients clients, SubscriptionSetup.Prepared prepared, SubscribeOptions options, ConnectionListener events) {
    this.clients = clients;
    this.subscriber = clients.subscriptions();
    this.prepared = prepared;
    this.path = prepared.name().toString();
    this.events = events;
    this.maxMessages = Math.min(options.effectivePrefetch(), MAX_PULL);
    this.puller = new Thread(this::pullLoop, "lwqueue-pubsub-pull-" + prepared.name().getSubscription());
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
    PullRequest request =
        PullRequest.newBuilder().setSubscription(path).setMaxMessages(maxMessages).build();
    GrpcCallContext context =
        GrpcCallContext.createDefault()
            .withRetrySettings(RetrySettings.newBuilder().setLogicalTimeout(PULL_TIMEOUT).setMaxAttempts(1).build())
            .withRetryableCodes(Set.of());
    Duration backoff = Duration.ZERO;
    long troubleSince = 0;
    while (!closed) {
      PullResponse response;
      try {
        ApiFuture<PullResponse> pull = subscriber.pullCallable().futureCall(request, context);
        inFlight = pull;
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
        StatusCode.Code code = e.getCause() instanceof ApiException api ? api.getStatusCode().getCode() : null;
        if (code == StatusCode.Code.DEADLINE_EXCEEDED) {
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
      handle(response.getReceivedMessagesList());
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
      Map<String, String> attributes = received.getMessage().getAttributesMap();
      if (closed) {
        returned.add(received.getAckId());
      } else if ((filter == null || filter.matches(attributes)) && PrivateMessages.isFor(attributes, user)) {
        // Pub/Sub verifies no sender: the account stays unknown, and no name is ever marked verified.
        inbox.deliver(Delivery.of(received.getMessage().getData().toByteArray(), received.getDeliveryAttempt() > 1,
            attributes, null, attributes.get(ChatTransport.RECIPIENT_ATTRIBUTE)), received.getAckId());
      } else {
        // Google applies the filter on the server; the emulator does not, so it is applied here too.
        LOG.debug("message {} does not match the filter of {}: dropped",
            received.getMessage().getMessageId(), prepared.name());
        filtered.add(received.getAckId());
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
      subscriber.acknowledgeCallable().call(
          AcknowledgeRequest.newBuilder().setSubscription(path).addAllAckIds(ackIds).build());
    } catch (ApiException e) {
      // Unacknowledged messages come again after the ack deadline: shown twice, never lost.
      LOG.warn("could not acknowledge {} messages on {}: {}", ackIds.size(), prepared.name(), e.getMessage());
    }
  }

  /** A deadline of zero hands them to the next pull; a temporary subscription is deleted anyway. */
  @Override
  public void release(List<String> ackIds) {
    if (ackIds.isEmpty() || prepared.temporary()) {
      return;
    }
    try {
      subscriber.modifyAckDeadlineCallable().call(
          ModifyAckDeadlineRequest.newBuilder().setSubscription(path)
              .addAllAckIds(ackIds).setAckDeadlineSeconds(0).build());
    } catch (ApiException e) {
      LOG.warn("could not return {} messages on {}: {}", ackIds.size(), prepared.name(), e.getMessage());
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
    return prepared.name().getSubscription();
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
    ApiFuture<PullResponse> pull = inFlight;
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
