package dev.lwqueue.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.work.DeadLetters;
import dev.lwqueue.core.work.WorkQueues;
import dev.lwqueue.core.work.WorkSubscription;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge against a real broker and a receiver that fails on purpose. Each backend runs the
 * same tests through {@link #room()} and {@link #workQueues()}.
 */
abstract class WebhookBridgeContract {

  static final String SECRET = WebhookSecret.generate().text();

  protected final String name = "lwqueue-test-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<AutoCloseable> closeLater = new ArrayList<>();
  private ChatTransport room;
  private WorkQueues queues;

  /** A transport on a room of this test's own. */
  protected abstract ChatTransport room();

  /** Work queues on the same room. */
  protected abstract WorkQueues workQueues();

  /** Removes what the test created on the broker. */
  protected abstract void cleanUp();

  @BeforeEach
  void open() {
    room = room();
    queues = workQueues();
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closeLater.size() - 1; i >= 0; i--) {
      closeLater.get(i).close();
    }
    queues.close();
    room.close();
    cleanUp();
  }

  /** Records the attempts the bridge reports, in order, per message id. */
  static final class Recorder implements BridgeListener {
    final Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final List<String> dead = new CopyOnWriteArrayList<>();

    @Override
    public void onAttempt(WebhookRequest request, AttemptResult result, boolean willRetry) {
      attempts.computeIfAbsent(request.id(), k -> new CopyOnWriteArrayList<>()).add(request.attempt());
    }

    @Override
    public void onDead(String id, AttemptResult last, int attempts) {
      dead.add(id);
    }

    @Override
    public void onError(String line) {
      errors.add(line);
    }
  }

  private record Running(WebhookBridge bridge, WorkSubscription subscription) implements AutoCloseable {
    @Override
    public void close() {
      subscription.stopReceiving();
      bridge.close();
      subscription.close();
    }
  }

  private Running bridge(URI url, RetryPolicy retry, Duration timeout, int maxConcurrent, BridgeListener listener) {
    WebhookSettings settings = new WebhookSettings(url, timeout, retry, maxConcurrent, 0, WebhookSecret.parse(SECRET));
    WebhookBridge bridge = new WebhookBridge(settings,
        new HttpWebhookSender(url, timeout, Executors.newCachedThreadPool()), queues.deadLetters(name), listener);
    WorkSubscription subscription = queues.consume(SubscribeOptions.named(name).withPrefetch(settings.prefetch()), bridge);
    Running running = new Running(bridge, subscription);
    closeLater.add(running);
    return running;
  }

  private List<ChatMessage> publish(String... texts) throws Exception {
    List<ChatMessage> sent = new ArrayList<>();
    for (String text : texts) {
      ChatMessage message = ChatMessage.stamped("tester", text);
      room.publish(message).get(10, TimeUnit.SECONDS);
      sent.add(message);
    }
    return sent;
  }

  private static String[] texts(String prefix, int n) {
    String[] texts = new String[n];
    for (int i = 0; i < n; i++) {
      texts[i] = prefix + i;
    }
    return texts;
  }

  @Test
  void everyMessageIsDeliveredOrDeadLetteredOnTheScheduleAndReplayDeliversTheDead() throws Exception {
    try (TestReceiver receiver = new TestReceiver(SECRET, (text, attempt) -> {
      if (text.startsWith("fail-twice")) {
        return attempt <= 2 ? TestReceiver.Answer.status(500) : TestReceiver.Answer.ok();
      }
      if (text.startsWith("always")) {
        return TestReceiver.Answer.status(500);
      }
      if (text.equals("retry-after")) {
        return attempt == 1 ? new TestReceiver.Answer(503, 0, "1") : TestReceiver.Answer.ok();
      }
      if (text.equals("slow")) {
        return attempt == 1 ? new TestReceiver.Answer(200, 1500, null) : TestReceiver.Answer.ok();
      }
      return TestReceiver.Answer.ok();
    })) {
      Recorder recorder = new Recorder();
      RetryPolicy retry = RetryPolicy.of(Duration.ofMillis(50), Duration.ofMillis(200), 4);
      Running running = bridge(receiver.url(), retry, Duration.ofMillis(700), 3, recorder);
      List<ChatMessage> sent = new ArrayList<>(publish(texts("ok-", 20)));
      sent.addAll(publish("fail-twice-0", "fail-twice-1", "fail-twice-2", "always-0", "always-1", "retry-after", "slow"));

      await().atMost(Duration.ofSeconds(60)).until(() ->
          running.bridge().stats().delivered() + running.bridge().stats().dead() == sent.size());
      BridgeStats stats = running.bridge().stats();
      assertThat(stats.delivered()).isEqualTo(sent.size() - 2);
      assertThat(stats.dead()).isEqualTo(2);
      assertThat(recorder.errors).isEmpty();

      // Every request was signed, and its id is the message's own.
      assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
      assertThat(receiver.requests().stream().map(TestReceiver.Request::id).collect(Collectors.toSet()))
          .containsExactlyInAnyOrderElementsOf(sent.stream().map(ChatMessage::id).toList());
      // Each message that was not dead got a 2xx; none is lost.
      for (ChatMessage m : sent) {
        List<TestReceiver.Request> got = receiver.requestsFor(m.message());
        if (m.message().startsWith("always")) {
          assertThat(got).extracting(TestReceiver.Request::status).containsOnly(500);
        } else if (!m.message().equals("slow")) {
          assertThat(got).extracting(TestReceiver.Request::status).contains(200);
        }
      }
      // The schedule: attempts numbered in order, as many as the policy allows.
      for (ChatMessage m : sent) {
        List<Integer> attempts = recorder.attempts.get(m.id());
        if (m.message().startsWith("fail-twice")) {
          assertThat(attempts).containsExactly(1, 2, 3);
        } else if (m.message().startsWith("always")) {
          assertThat(attempts).containsExactly(1, 2, 3, 4);
        } else if (m.message().equals("retry-after") || m.message().equals("slow")) {
          assertThat(attempts).containsExactly(1, 2);
        } else {
          assertThat(attempts).containsExactly(1);
        }
      }
      // Retry-After: 1 is honoured (it is longer than the 50 ms back-off).
      List<TestReceiver.Request> retryAfter = receiver.requestsFor("retry-after");
      assertThat(retryAfter.get(1).arrivedNanos() - retryAfter.get(0).arrivedNanos())
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(950));
      // A fresh timestamp per attempt.
      assertThat(receiver.requestsFor("fail-twice-0")).extracting(TestReceiver.Request::timestamp).doesNotContainNull();
      // At most --max-concurrent at once.
      assertThat(receiver.maxInFlight()).isLessThanOrEqualTo(3);

      // The dead letters carry the last status and error and the attempts.
      DeadLetters deadLetters = queues.deadLetters(name);
      List<DeadLetters.DeadLetter> letters = deadLetters.list(100);
      assertThat(letters).hasSize(2);
      assertThat(letters).allSatisfy(letter -> {
        assertThat(letter.attributes()).containsEntry(DeadLetters.LAST_STATUS, "500")
            .containsEntry(DeadLetters.LAST_ERROR, "HTTP 500")
            .containsEntry(DeadLetters.ATTEMPTS, "4");
        assertThat(new String(letter.body(), StandardCharsets.UTF_8)).contains("\"always-");
      });
      assertThat(deadLetters.list(100)).as("listing takes nothing away").hasSize(2);

      // Replay: the receiver takes them now, and the bridge delivers them, under the same ids.
      receiver.script((text, attempt) -> TestReceiver.Answer.ok());
      assertThat(deadLetters.replay(100)).isEqualTo(2);
      await().atMost(Duration.ofSeconds(30)).until(() -> running.bridge().stats().delivered() == sent.size());
      for (ChatMessage m : sent.stream().filter(m -> m.message().startsWith("always")).toList()) {
        assertThat(receiver.requestsFor(m.message())).extracting(TestReceiver.Request::status).contains(200);
        assertThat(receiver.requestsFor(m.message())).extracting(TestReceiver.Request::id).containsOnly(m.id());
      }
      assertThat(deadLetters.list(100)).isEmpty();
    }
  }

  @Test
  void aRefusedConnectionEndsInTheDeadLettersWithTheErrorAndPurgeDropsThem() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Recorder recorder = new Recorder();
    Running running = bridge(URI.create("http://127.0.0.1:" + closedPort + "/hook"),
        RetryPolicy.of(Duration.ofMillis(20), Duration.ofMillis(40), 2), Duration.ofSeconds(2), 2, recorder);
    List<ChatMessage> sent = publish(texts("refused-", 3));
    await().atMost(Duration.ofSeconds(30)).until(() -> running.bridge().stats().dead() == sent.size());
    assertThat(running.bridge().stats().delivered()).isZero();
    sent.forEach(m -> assertThat(recorder.attempts.get(m.id())).containsExactly(1, 2));
    DeadLetters deadLetters = queues.deadLetters(name);
    List<DeadLetters.DeadLetter> letters = deadLetters.list(10);
    assertThat(letters).hasSize(3).allSatisfy(letter -> {
      assertThat(letter.attributes()).doesNotContainKey(DeadLetters.LAST_STATUS)
          .containsEntry(DeadLetters.ATTEMPTS, "2");
      assertThat(letter.attributes().get(DeadLetters.LAST_ERROR)).contains("refused");
    });
    long purged = deadLetters.purge();
    assertThat(purged).isIn(3L, -1L);
    assertThat(deadLetters.list(10)).isEmpty();
  }

  @Test
  void stoppingReturnsWhatWaitsForARetryAndTheNextRunDeliversIt() throws Exception {
    try (TestReceiver receiver = new TestReceiver(SECRET, (text, attempt) -> TestReceiver.Answer.status(500))) {
      Recorder recorder = new Recorder();
      Running first = bridge(receiver.url(), RetryPolicy.of(Duration.ofSeconds(30), Duration.ofSeconds(60), 5),
          Duration.ofSeconds(2), 2, recorder);
      List<ChatMessage> sent = publish(texts("held-", 5));
      await().atMost(Duration.ofSeconds(30)).until(() -> first.bridge().stats().retrying() == sent.size());
      first.close();
      assertThat(first.bridge().stats().delivered()).isZero();

      receiver.script((text, attempt) -> TestReceiver.Answer.ok());
      Running second = bridge(receiver.url(), RetryPolicy.of(Duration.ofMillis(50), Duration.ofMillis(100), 5),
          Duration.ofSeconds(2), 2, new Recorder());
      await().atMost(Duration.ofSeconds(30)).until(() -> second.bridge().stats().delivered() == sent.size());
      for (ChatMessage m : sent) {
        assertThat(receiver.requestsFor(m.message())).extracting(TestReceiver.Request::status).containsExactly(500, 200);
      }
    }
  }

  @Test
  void neverMoreThanMaxConcurrentRequestsAtOnce() throws Exception {
    try (TestReceiver receiver = new TestReceiver(SECRET, (text, attempt) -> new TestReceiver.Answer(200, 100, null))) {
      Running running = bridge(receiver.url(), RetryPolicy.of(Duration.ofMillis(50), Duration.ofMillis(100), 3),
          Duration.ofSeconds(5), 4, new Recorder());
      List<ChatMessage> sent = publish(texts("busy-", 40));
      await().atMost(Duration.ofSeconds(60)).until(() -> running.bridge().stats().delivered() == sent.size());
      assertThat(receiver.maxInFlight()).isBetween(2, 4);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
