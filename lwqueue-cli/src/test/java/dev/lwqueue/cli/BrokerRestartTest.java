package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConfirmedPublish;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.rabbitmq.DedicatedNode;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In the manner of Watermill's TestReconnect: 10,000 messages are published while the broker
 * application is restarted twice; a {@code subscribe --queue} receives every one of them and shows
 * each exactly once. Runs on a node of its own ({@link TestNode}), never on the shared broker.
 */
@Tag(DedicatedNode.TAG)
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class BrokerRestartTest {

  private static final int MESSAGES = 10_000;
  private static final int WINDOW = 250;
  /** Published-message counts at which the broker restarts. */
  private static final int[] THRESHOLDS = {MESSAGES / 5, MESSAGES * 3 / 5};
  private static final Pattern SHOWN = Pattern.compile(": m(\\d+)$", Pattern.MULTILINE);

  @Test
  void queueSubscriberReceivesAll10000MessagesAcrossTwoBrokerRestartsEachOnce() throws Exception {
    DedicatedNode node = TestNode.node();
    String uri = node.amqpUri();
    AtomicInteger published = new AtomicInteger();
    try (CliRun sub = CliRun.launch(Map.of("NO_COLOR", "1"), "subscribe", "--url", uri,
            "--queue", "restart-inbox", "--mode", "simple", "--heartbeat", "2");
        ChatTransport publisher = RabbitMqTransport.connect(
            RabbitMqSettings.fromUri(uri).withConnectionName("lwqueue restart-test publisher"))) {
      sub.awaitReady();
      AtomicReference<Throwable> restartFailure = new AtomicReference<>();
      AtomicInteger stopped = new AtomicInteger();
      Thread restarts = new Thread(() -> restartTwice(node, published, stopped, sub), "restarts");
      restarts.setUncaughtExceptionHandler((t, e) -> restartFailure.set(e));
      restarts.setDaemon(true);
      restarts.start();

      for (int start = 0; start < MESSAGES; start += WINDOW) {
        // Past each threshold, go on only once the broker is going down: publishing into the outage.
        int due = start >= THRESHOLDS[1] ? 2 : start >= THRESHOLDS[0] ? 1 : 0;
        while (stopped.get() < due && restarts.isAlive()) {
          Thread.sleep(20);
        }
        publishWindow(publisher, start, Math.min(MESSAGES, start + WINDOW));
        published.set(Math.min(MESSAGES, start + WINDOW));
      }
      restarts.join(300_000);
      assertThat(restartFailure.get()).as("restarting the node").isNull();
      assertThat(restarts.isAlive()).as("restarts finished; threads:\n%s", threadDump()).isFalse();

      sub.awaitOut("all " + MESSAGES + " messages", out -> count(out) >= MESSAGES, Duration.ofSeconds(300));
      Map<Integer, Integer> shown = new HashMap<>();
      Matcher m = SHOWN.matcher(sub.out());
      while (m.find()) {
        shown.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
      }
      assertThat(shown).hasSize(MESSAGES);
      assertThat(shown.entrySet().stream().filter(e -> e.getValue() != 1).toList())
          .as("messages shown more than once").isEmpty();
      // Deliveries resume as soon as the consumer is back, a moment before the status line.
      try {
        sub.awaitErr("two reconnections reported", err -> reconnections(err) >= 2, Duration.ofSeconds(60));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\nthreads:\n" + threadDump(), e);
      }
      assertThat(sub.err()).doesNotContain("missed").doesNotContain("lwqueue: error");
      assertThat(sub.stop()).isZero();
    }
  }

  /** Publishes messages [from, to); every one must end confirmed and routed to the queue. */
  private static void publishWindow(ChatTransport publisher, int from, int to) throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    List<CompletableFuture<PublishReceipt>> futures = new ArrayList<>();
    for (int i = from; i < to; i++) {
      byte[] body = ChatCodec.encode(ChatMessage.stamped("pub", "m" + i));
      bodies.add(body);
      futures.add(publisher.publishRaw(body, Map.of()));
    }
    for (int i = 0; i < bodies.size(); i++) {
      if (!routed(futures.get(i))) {
        // Lost with the connection, or sent while the restarted broker had no binding yet: again,
        // with the same id, so the subscriber shows it once even if both copies arrive.
        while (!routed(CompletableFuture.completedFuture(
            ConfirmedPublish.publish(publisher, bodies.get(i), Map.of(), Duration.ofSeconds(120))))) {
          Thread.sleep(200);
        }
      }
    }
  }

  private static boolean routed(CompletableFuture<PublishReceipt> future) {
    try {
      return future.get(60, TimeUnit.SECONDS).routing() == PublishReceipt.Routing.ROUTED;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Restarts the broker after 2,000 and after 6,000 published messages (the publisher waits at
   * each threshold until the broker is down). The second restart waits
   * until the subscriber is back from the first: otherwise both could fall into one outage of its
   * back-off, and the subscriber would rightly reconnect only once.
   */
  private static void restartTwice(DedicatedNode node, AtomicInteger published, AtomicInteger stopped, CliRun sub) {
    try {
      for (int i = 0; i < THRESHOLDS.length; i++) {
        while (published.get() < THRESHOLDS[i] || reconnections(sub.err()) < i) {
          Thread.sleep(20);
        }
        try {
          node.stopApp();
          stopped.incrementAndGet();
          Thread.sleep(1000);
        } finally {
          node.startApp(); // restored even when stopping failed halfway
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("restart failed", e);
    }
  }

  /** The threads that take part in a reconnect, for a failure message. */
  private static String threadDump() {
    StringBuilder b = new StringBuilder();
    Thread.getAllStackTraces().forEach((t, stack) -> {
      if (t.getName().matches("(?i).*(restart|rabbit|amqp|lwqueue|cli-).*")) {
        b.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
        for (StackTraceElement e : stack) {
          b.append("    at ").append(e).append('\n');
        }
      }
    });
    return b.toString();
  }

  private static int reconnections(String err) {
    return err.split("lwqueue: back after", -1).length - 1;
  }

  private static int count(String out) {
    Matcher m = SHOWN.matcher(out);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
