package dev.lwqueue.webhook;

import com.sun.net.httpserver.HttpServer;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.work.WorkSubscription;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.RabbitWorkQueues;
import dev.lwqueue.rabbitmq.TestBroker;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Not a test: delivered messages per second from a RabbitMQ queue to a local receiver that answers
 * at once, and to one that takes 50 ms, with --max-concurrent 1, 10 and 100 (signed requests, no
 * rate limit). The queue is filled first, so the figure is the bridge's own pace. Run with
 * {@code make bench-webhook}; the README's figures come from it.
 */
public final class WebhookBenchmark {

  private WebhookBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.out.println("receiver   max-concurrent   messages   seconds   delivered msg/s");
    for (long delayMs : new long[] {0, 50}) {
      for (int concurrency : new int[] {1, 10, 100}) {
        // Enough messages for about five seconds at the best possible pace, within 200..5000.
        double bestRate = delayMs == 0 ? 5000 : concurrency * 1000.0 / delayMs;
        int messages = (int) Math.max(200, Math.min(5000, bestRate * 5));
        double seconds = run(delayMs, concurrency, messages);
        System.out.printf(Locale.ROOT, "%-10s %14d %10d %9.2f %17.0f%n",
            delayMs == 0 ? "at once" : delayMs + " ms", concurrency, messages, seconds, messages / seconds);
      }
    }
    System.exit(0);
  }

  private static double run(long delayMs, int concurrency, int messages) throws Exception {
    String name = "lwqueue-bench-webhook-" + UUID.randomUUID().toString().substring(0, 8);
    ExecutorService receiverThreads = Executors.newFixedThreadPool(200);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
    receiver.setExecutor(receiverThreads);
    receiver.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      if (delayMs > 0) {
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    WebhookSettings settings = new WebhookSettings(url, Duration.ofSeconds(10),
        RetryPolicy.of(Duration.ofMillis(100), Duration.ofSeconds(1), 5), concurrency, 0, WebhookSecret.generate());
    ExecutorService http = Executors.newCachedThreadPool();
    try (ChatTransport room = RabbitMqTransport.connect(TestBroker.settings(name));
        RabbitWorkQueues queues = RabbitWorkQueues.connect(TestBroker.settings(name))) {
      SubscribeOptions options = SubscribeOptions.named(name).withPrefetch(settings.prefetch());
      // Declare the queue (and stop at once), then fill it while nobody consumes.
      WorkSubscription declare = queues.consume(options, (delivery, settlement) -> settlement.requeue());
      declare.stopReceiving();
      declare.close();
      List<CompletableFuture<?>> confirms = new ArrayList<>();
      for (int i = 0; i < messages; i++) {
        confirms.add(room.publish(ChatMessage.stamped("bench", "message " + i)));
      }
      CompletableFuture.allOf(confirms.toArray(new CompletableFuture<?>[0])).get();

      WebhookBridge bridge = new WebhookBridge(settings, new HttpWebhookSender(url, settings.timeout(), http),
          queues.deadLetters(name), new BridgeListener() {});
      long start = System.nanoTime();
      WorkSubscription subscription = queues.consume(options, bridge);
      while (bridge.stats().delivered() + bridge.stats().dead() < messages) {
        Thread.sleep(5);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      subscription.stopReceiving();
      bridge.close();
      subscription.close();
      if (bridge.stats().dead() > 0) {
        System.out.println("  (" + bridge.stats().dead() + " dead letters: the figure is not a clean one)");
      }
      return seconds;
    } finally {
      receiver.stop(0);
      receiverThreads.shutdownNow();
      http.shutdownNow();
      TestBroker.deleteQueue(name);
      TestBroker.deleteQueue(RabbitWorkQueues.deadLetterQueue(name));
      TestBroker.deleteExchange(name);
    }
  }
}
