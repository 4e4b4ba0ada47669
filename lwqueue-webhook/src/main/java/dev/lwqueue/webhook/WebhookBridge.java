package dev.lwqueue.webhook;

import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.work.DeadLetters;
import dev.lwqueue.core.work.Settlement;
import dev.lwqueue.core.work.WorkHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's policy: every delivery is POSTed until a 2xx answer acknowledges it, retried on
 * the {@link RetryPolicy}'s schedule (or later, when the receiver says {@code Retry-After}), and
 * after the last attempt stored as a dead letter with the last status and error, and only then
 * acknowledged: a message is never dropped. Delivery is at least once: a message whose success
 * could not be acknowledged (the bridge stopped, the connection broke) is sent again, with the same
 * {@code webhook-id}.
 *
 * <p>{@code maxConcurrent} worker threads each make one request at a time, so at most that many are
 * in flight; messages waiting out a back-off hold no worker. A shared {@link RateLimiter} spaces the
 * starts of requests.
 */
public final class WebhookBridge implements WorkHandler, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookBridge.class);

  /** How long storing a dead letter may take before the message goes back to the queue instead. */
  private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(30);

  private final WebhookSettings settings;
  private final WebhookSender sender;
  private final DeadLetters deadLetters;
  private final BridgeListener listener;
  private final WebhookSigner signer;
  private final RateLimiter limiter;
  private final LongSupplier clockSeconds;
  private final DelayQueue<Job> jobs = new DelayQueue<>();
  private final List<Thread> workers = new ArrayList<>();
  private final Object acceptLock = new Object();
  private volatile boolean stopping;

  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong retrying = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();

  public WebhookBridge(WebhookSettings settings, WebhookSender sender, DeadLetters deadLetters, BridgeListener listener) {
    this(settings, sender, deadLetters, listener, () -> Instant.now().getEpochSecond());
  }

  WebhookBridge(WebhookSettings settings, WebhookSender sender, DeadLetters deadLetters, BridgeListener listener,
      LongSupplier clockSeconds) {
    this.settings = settings;
    this.sender = sender;
    this.deadLetters = deadLetters;
    this.listener = listener;
    this.signer = settings.secret() == null ? null : new WebhookSigner(settings.secret());
    this.limiter = new RateLimiter(settings.maxRate());
    this.clockSeconds = clockSeconds;
    for (int i = 0; i < settings.maxConcurrent(); i++) {
      Thread worker = new Thread(this::work, "lwqueue-webhook-" + i);
      worker.setDaemon(true);
      workers.add(worker);
    }
    workers.forEach(Thread::start);
  }

  /** Whether requests are signed; without a secret they go unsigned, and the CLI says so. */
  public boolean signing() {
    return signer != null;
  }

  @Override
  public void onDelivery(Delivery delivery, Settlement settlement) {
    synchronized (acceptLock) {
      if (!stopping) {
        jobs.add(new Job(delivery, settlement, MessageIds.of(delivery), System.nanoTime()));
        return;
      }
    }
    settlement.requeue();
  }

  public BridgeStats stats() {
    return new BridgeStats(delivered.get(), retrying.get(), dead.get(), inFlight.get(), attempts.get());
  }

  private void work() {
    while (!stopping) {
      Job job;
      try {
        job = jobs.poll(100, TimeUnit.MILLISECONDS);
        if (job == null) {
          continue;
        }
        if (stopping) {
          jobs.add(job); // returned to the queue by stop()
          return;
        }
        if (job.attempt > 1) {
          retrying.decrementAndGet();
        }
        limiter.acquire();
        attempt(job);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("webhook worker failed", e);
        listener.onError("internal error in the webhook bridge: " + e);
      }
    }
  }

  private void attempt(Job job) throws InterruptedException {
    long timestamp = clockSeconds.getAsLong();
    byte[] body = job.delivery.body();
    Map<String, String> headers =
        signer != null
            ? signer.headers(job.id, timestamp, body)
            : Map.of(WebhookSigner.ID_HEADER, job.id, WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp));
    WebhookRequest request = new WebhookRequest(job.id, job.attempt, body, headers);
    inFlight.incrementAndGet();
    attempts.incrementAndGet();
    AttemptResult result;
    try {
      result = sender.send(request);
    } finally {
      inFlight.decrementAndGet();
    }
    if (result.delivered()) {
      job.settlement.ack();
      delivered.incrementAndGet();
      listener.onAttempt(request, result, false);
      return;
    }
    boolean retry = settings.retry().retriesAfter(job.attempt);
    listener.onAttempt(request, result, retry);
    if (retry) {
      Duration wait = settings.retry().nextDelay(job.attempt, result.retryAfter());
      retrying.incrementAndGet();
      jobs.add(job.next(System.nanoTime() + wait.toNanos()));
    } else {
      bury(job, result);
    }
  }

  /** Stores the dead letter, then acknowledges; if it cannot be stored the message stays queued. */
  private void bury(Job job, AttemptResult last) throws InterruptedException {
    Map<String, String> attributes = new HashMap<>(job.delivery.attributes());
    attributes.put(DeadLetters.ATTEMPTS, Integer.toString(job.attempt));
    attributes.put(DeadLetters.LAST_ERROR, last.error() == null ? "" : last.error());
    if (last.status() != 0) {
      attributes.put(DeadLetters.LAST_STATUS, Integer.toString(last.status()));
    }
    attributes.put(DeadLetters.DEAD_AT, Instant.now().toString());
    try {
      deadLetters.add(job.delivery.body(), attributes).get(DEAD_LETTER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      LOG.warn("could not store dead letter {}", job.id, cause);
      listener.onError("could not store message " + job.id + " in " + deadLetters.describe() + " ("
          + cause.getMessage() + "); it was returned to the queue");
      job.settlement.requeue();
      return;
    }
    job.settlement.ack();
    dead.incrementAndGet();
    listener.onDead(job.id, last, job.attempt);
  }

  /**
   * Stops taking deliveries, lets the requests in flight finish (each within the timeout) and
   * returns every message still waiting for an attempt to the queue, where the next run finds it.
   */
  @Override
  public void close() {
    synchronized (acceptLock) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    boolean interrupted = false;
    for (Thread worker : workers) {
      try {
        worker.join(settings.timeout().toMillis() + 1000);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    for (Thread worker : workers) {
      worker.interrupt();
    }
    // A copy, not drainTo: a DelayQueue drains only the jobs whose back-off is over.
    List<Job> left = new ArrayList<>(jobs);
    jobs.clear();
    for (Job job : left) {
      job.settlement.requeue();
    }
    retrying.set(0);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** One message and its next attempt. */
  private static final class Job implements Delayed {
    final Delivery delivery;
    final Settlement settlement;
    final String id;
    final int attempt;
    final long dueNanos;

    Job(Delivery delivery, Settlement settlement, String id, long dueNanos) {
      this(delivery, settlement, id, 1, dueNanos);
    }

    private Job(Delivery delivery, Settlement settlement, String id, int attempt, long dueNanos) {
      this.delivery = delivery;
      this.settlement = settlement;
      this.id = id;
      this.attempt = attempt;
      this.dueNanos = dueNanos;
    }

    Job next(long due) {
      return new Job(delivery, settlement, id, attempt + 1, due);
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(dueNanos, ((Job) other).dueNanos);
    }
  }
}
