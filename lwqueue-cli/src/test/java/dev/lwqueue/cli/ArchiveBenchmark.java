package dev.lwqueue.cli;

import dev.lwqueue.archive.ArchiveListener;
import dev.lwqueue.archive.ArchiveSession;
import dev.lwqueue.archive.Archiver;
import dev.lwqueue.archive.Backoff;
import dev.lwqueue.archive.Database;
import dev.lwqueue.archive.Stats;
import dev.lwqueue.archive.StatsReport;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.TestBroker;
import dev.lwqueue.archive.TestPostgres;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * How fast the archive is, in figures for the README; a program, not a test.
 *
 * <pre>make bench-archive   (arguments: flood messages, default 200000; stats rows, default 1000000)</pre>
 *
 * <ol>
 *   <li>Throughput: {@code lwqueue send-message --stdin} (a process of its own) floods the room on
 *       the local RabbitMQ while an archiver (the same composition as {@code lwqueue archive})
 *       stores into DuckDB, then into PostgreSQL. Printed: the sender's rate, the archiver's rate,
 *       and how long after the sender's last confirmation the last row was committed.</li>
 *   <li>Stats: 1,000,000 messages written straight into each database, then {@link Stats#query}
 *       timed (first run, and the median of five more).</li>
 * </ol>
 */
public final class ArchiveBenchmark {

  private ArchiveBenchmark() {}

  public static void main(String[] args) throws Exception {
    int flood = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    Path dir = Files.createTempDirectory("lwqueue-bench-archive");
    System.out.printf(Locale.ROOT, "archive benchmark: %,d messages flooded, stats over %,d rows; %d cores%n",
        flood, rows, Runtime.getRuntime().availableProcessors());
    try (TestPostgres postgres = new TestPostgres(); TestPostgres postgresStats = new TestPostgres()) {
      throughput("duckdb", Database.of(dir.resolve("flood.duckdb").toString(), null, null), flood);
      throughput("postgresql", Database.of(postgres.url(), null, null), flood);
      stats("duckdb", Database.of(dir.resolve("stats.duckdb").toString(), null, null), rows);
      stats("postgresql", Database.of(postgresStats.url(), null, null), rows);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(0);
  }

  private static void throughput(String name, Database database, int count) throws Exception {
    String exchange = "lwq-bench-archive-" + UUID.randomUUID().toString().substring(0, 8);
    String queue = exchange + "-q";
    try (ChatTransport transport = RabbitMqTransport.connect(TestBroker.settings(exchange));
        Archiver archiver = new Archiver(database, ArchiveListener.NONE, Backoff.DEFAULT).open();
        ArchiveSession session = new ArchiveSession(archiver,
            h -> transport.subscribe(SubscribeOptions.named(queue).withPrefetch(2000), h))) {
      session.start();
      Process sender = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", LwqueueProcess.shippedClassPath(),
          Main.class.getName(), "send-message", "--stdin", "--username", "flood",
          "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.PIPE)
          .start();
      long start = System.nanoTime();
      Thread feeder = new Thread(() -> {
        try (OutputStream in = sender.getOutputStream()) {
          byte[] line = "a message of a flood, about as long as a chat line is\n".getBytes(StandardCharsets.UTF_8);
          for (int i = 0; i < count; i++) {
            in.write(line);
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      feeder.start();
      while (archiver.stored() < count) {
        Thread.sleep(5);
        if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
          throw new IllegalStateException("only " + archiver.stored() + " stored after 10 minutes");
        }
      }
      long archivedAt = System.nanoTime();
      String senderSummary = new String(sender.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      sender.waitFor();
      System.out.printf(Locale.ROOT, "%-11s %,d messages archived in %.2f s from the first send: %,.0f msg/s%n", name,
          count, (archivedAt - start) / 1e9, count / ((archivedAt - start) / 1e9));
      System.out.printf(Locale.ROOT, "            the sender: %s%n", senderSummary.replace("lwqueue: ", ""));
    } finally {
      TestBroker.deleteQueue(queue);
      TestBroker.deleteExchange(exchange);
    }
  }

  private static void stats(String name, Database database, int count) {
    long fillStart = System.nanoTime();
    Instant now = Instant.now();
    String[] users = new String[50];
    for (int i = 0; i < users.length; i++) {
      users[i] = "user" + i;
    }
    java.util.Random random = new java.util.Random(1);
    try (Archiver archiver = new Archiver(database, ArchiveListener.NONE, Backoff.DEFAULT).open()) {
      for (int i = 0; i < count; i++) {
        // Spread over two days, so the last-day chart and the busiest hour have work to do.
        Instant at = now.minusMillis((long) (count - i) * 172_800_000L / count);
        byte[] body = ChatCodec.encode(ChatMessage.stamped(users[random.nextInt(users.length)], "message number " + i));
        archiver.onDelivery(new Delivery(body, ChatCodec.decode(body).message(), null, at, false, Map.of()));
        if (i % 5000 == 4999) {
          archiver.flush();
        }
      }
      archiver.flush();
    }
    double fill = (System.nanoTime() - fillStart) / 1e9;
    long first = timed(database);
    long[] runs = new long[5];
    StatsReport report = null;
    for (int i = 0; i < runs.length; i++) {
      long t = System.nanoTime();
      report = Stats.query(database, Instant.now(), 0);
      runs[i] = System.nanoTime() - t;
    }
    Arrays.sort(runs);
    System.out.printf(Locale.ROOT, "%-11s stats over %,d messages: first %.0f ms, then median %.0f ms "
            + "(filled at %,.0f rows/s straight from the archiver)%n",
        name, report.messages(), first / 1e6, runs[runs.length / 2] / 1e6, count / fill);
  }

  private static long timed(Database database) {
    long t = System.nanoTime();
    Stats.query(database, Instant.now(), 0);
    return System.nanoTime() - t;
  }
}
