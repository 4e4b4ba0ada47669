package dev.lwqueue.pubsub;

import com.google.api.core.ApiFuture;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.core.SubscribeOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Throughput and single-message latency through the Pub/Sub emulator: lwqueue's transport
 * against a bare Google client Publisher/Subscriber pair, in the same run, on the same emulator.
 * A program that prints figures, not a test.
 *
 * <pre>make bench-pubsub   (or: mvn -q -pl lwqueue-pubsub exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.lwqueue.pubsub.PubSubBenchmark -Dexec.args="500 5000")</pre>
 *
 * Arguments: latency samples (default 500), throughput messages (default 5000). The emulator
 * comes from {@link PubSubEmulator}: {@code LWQUEUE_TEST_PUBSUB_EMULATOR_HOST}, else the
 * installed jar on a free port.
 */
public final class PubSubBenchmark {

  private static final int WARM_UP = 50;
  private static final long SECONDS = 120;

  /** One way of sending and receiving, measured the same way as the others. */
  private interface Contender extends AutoCloseable {
    String name();

    /** Starts receiving; each received body goes to the sink. */
    void subscribe(Consumer<byte[]> sink) throws Exception;

    /** Publishes; the future completes when the emulator confirmed. */
    CompletableFuture<?> publish(byte[] body);

    @Override
    void close() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    // gRPC logs through java.util.logging; keep it in target/test.log with the rest, off the figures.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    String host = PubSubEmulator.host();
    System.out.printf(Locale.ROOT, "Pub/Sub emulator %s; %d latency samples (after %d warm-up), %d messages for "
        + "throughput; %d-byte chat messages%n%n", host, samples, WARM_UP, messages, body(0).length);
    System.out.printf(Locale.ROOT, "%-34s %8s %8s %8s %8s %8s %14s %13s%n",
        "contender", "mean ms", "p50 ms", "p90 ms", "p99 ms", "max ms", "publish msg/s", "end-to-end/s");
    List<String> topics = new ArrayList<>();
    try {
      for (int round = 0; round < 2; round++) {
        for (boolean lwqueue : new boolean[] {true, false}) {
          String topic = "lwq-bench-" + UUID.randomUUID().toString().substring(0, 8);
          topics.add(topic);
          try (Contender c = lwqueue ? new Lwqueue(host, topic) : new BareClient(host, topic)) {
            measure(c, samples, messages);
          }
        }
      }
    } finally {
      topics.forEach(PubSubEmulator::deleteTopic);
    }
    System.out.println();
    System.out.println("Latency: one message at a time, publish to delivery in the subscriber's handler.");
    System.out.println("Throughput: all messages published without waiting; publish msg/s until the last");
    System.out.println("confirmation, end-to-end/s until the last delivery. Round 2 runs on a warm JVM.");
    System.exit(0);
  }

  private static void measure(Contender c, int samples, int messages) throws Exception {
    SynchronousQueue<byte[]> handoff = new SynchronousQueue<>();
    AtomicInteger bulkReceived = new AtomicInteger();
    CountDownLatch allReceived = new CountDownLatch(messages);
    AtomicInteger phase = new AtomicInteger(); // 0: latency, 1: throughput
    c.subscribe(body -> {
      long now = System.nanoTime();
      if (phase.get() == 0) {
        ByteBuffer stamped = ByteBuffer.allocate(8).putLong(now);
        try {
          handoff.put(stamped.array());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else if (bulkReceived.incrementAndGet() <= messages) {
        allReceived.countDown();
      }
    });

    Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    for (int i = 0; i < WARM_UP + samples; i++) {
      long sent = System.nanoTime();
      c.publish(body(i));
      byte[] received = handoff.poll(SECONDS, TimeUnit.SECONDS);
      if (received == null) {
        throw new IllegalStateException(c.name() + ": message " + i + " did not arrive");
      }
      if (i >= WARM_UP) {
        latency.recordValue(Math.max(1, (ByteBuffer.wrap(received).getLong() - sent) / 1000));
      }
    }

    phase.set(1);
    List<CompletableFuture<?>> confirms = new ArrayList<>(messages);
    long start = System.nanoTime();
    for (int i = 0; i < messages; i++) {
      confirms.add(c.publish(body(WARM_UP + samples + i))); // ids the latency phase did not use
    }
    CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)).get(SECONDS, TimeUnit.SECONDS);
    long published = System.nanoTime();
    if (!allReceived.await(SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException(c.name() + ": only " + bulkReceived.get() + " of " + messages + " arrived");
    }
    long delivered = System.nanoTime();

    System.out.printf(Locale.ROOT, "%-34s %8.1f %8.1f %8.1f %8.1f %8.1f %14.0f %13.0f%n", c.name(),
        latency.getMean() / 1000.0, latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(90) / 1000.0,
        latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0,
        messages / ((published - start) / 1e9), messages / ((delivered - start) / 1e9));
  }

  /**
   * A chat message of the same size each time, with an id of its own: lwqueue shows a message id
   * once (a redelivery is not shown twice), so one id for all would deliver only the first.
   */
  private static byte[] body(int i) {
    return ChatCodec.encode(new ChatMessage("bench", "message number " + i + " of the benchmark",
        String.format(Locale.ROOT, "00000000-0000-0000-0000-%012d", i), java.time.Instant.parse("2026-01-01T00:00:00Z")));
  }

  /** lwqueue's transport, exactly as the CLI uses it. */
  private static final class Lwqueue implements Contender {
    private final ChatTransport transport;

    Lwqueue(String host, String topic) {
      transport = PubSubTransport.connect(PubSubEmulator.settings(topic));
    }

    @Override
    public String name() {
      return "lwqueue PubSubTransport";
    }

    @Override
    public void subscribe(Consumer<byte[]> sink) {
      transport.subscribe(SubscribeOptions.temporary(), d -> sink.accept(d.body()));
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(byte[] body) {
      return transport.publishRaw(body, Map.of(ChatTransport.USERNAME_ATTRIBUTE, "bench"));
    }

    @Override
    public void close() {
      transport.close();
    }
  }

  /** Google's Publisher and Subscriber with their default settings, as a tutorial would use them. */
  private static final class BareClient implements Contender {
    private final ManagedChannel channel;
    private final FixedTransportChannelProvider channelProvider;
    private final TopicName topic;
    private final ProjectSubscriptionName subscription;
    private final Publisher publisher;
    private Subscriber subscriber;

    BareClient(String host, String topicId) throws Exception {
      channel = ManagedChannelBuilder.forTarget(host).usePlaintext().build();
      channelProvider = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
      topic = TopicName.of(PubSubEmulator.PROJECT, topicId);
      subscription = ProjectSubscriptionName.of(PubSubEmulator.PROJECT, topicId + "-bare");
      PubSubEmulator.createTopic(topicId);
      PubSubEmulator.createSubscription(subscription.getSubscription(), topicId, null);
      publisher = Publisher.newBuilder(topic)
          .setChannelProvider(channelProvider)
          .setCredentialsProvider(NoCredentialsProvider.create())
          .build();
    }

    @Override
    public String name() {
      return "bare Google Publisher/Subscriber";
    }

    @Override
    public void subscribe(Consumer<byte[]> sink) {
      subscriber = Subscriber.newBuilder(subscription, (MessageReceiver) (message, reply) -> {
            sink.accept(message.getData().toByteArray());
            reply.ack();
          })
          .setChannelProvider(channelProvider)
          .setCredentialsProvider(NoCredentialsProvider.create())
          .build();
      subscriber.startAsync().awaitRunning();
    }

    @Override
    public CompletableFuture<String> publish(byte[] body) {
      ApiFuture<String> id = publisher.publish(PubsubMessage.newBuilder()
          .setData(ByteString.copyFrom(body)).putAttributes("username", "bench").build());
      CompletableFuture<String> done = new CompletableFuture<>();
      id.addListener(() -> {
        try {
          done.complete(id.get());
        } catch (Exception e) {
          done.completeExceptionally(e);
        }
      }, Runnable::run);
      return done;
    }

    @Override
    public void close() throws Exception {
      subscriber.stopAsync().awaitTerminated(10, TimeUnit.SECONDS);
      publisher.shutdown();
      publisher.awaitTermination(10, TimeUnit.SECONDS);
      channel.shutdownNow();
    }
  }
}
