package dev.lwqueue.cli;

import dev.lwqueue.cli.bench.BenchReport;
import dev.lwqueue.cli.bench.BenchStamp;
import dev.lwqueue.cli.bench.PublisherRun;
import dev.lwqueue.cli.bench.SubscriberStats;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConnectionEventText;
import dev.lwqueue.core.SubscribeOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Publishers and subscribers through the chat's own transport, with rates, latencies and losses. */
@Command(
    name = "bench",
    description = {
      "Measure the broker as the chat uses it.",
      "N publishers and M subscribers, each with a connection of its own, go through the same transport as "
          + "send-message and subscribe (publisher confirms, a queue per subscriber). It prints sent and received "
          + "messages per second, latency percentiles (HdrHistogram) and lost or duplicated messages; --json for scripts.",
      "Latency runs from just before the publish call to the start of the subscriber's handler, both in this "
          + "process, on one monotonic clock. Messages published during the warm-up are left out of rates and "
          + "latencies (not of the lost and duplicated counts).",
      "It uses an exchange of its own, 'lwqueue-bench', unless --exchange is given on the command line "
          + "(LWQUEUE_EXCHANGE is ignored here), so a benchmark never floods anybody's chat room."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n",
    footer = {
      "",
      "Examples:",
      "  lwqueue bench                          # 1 -> 1, 100000 messages, flat out",
      "  lwqueue bench --subscribers 10 --rate 100 --duration 20",
      "  lwqueue bench --publishers 2 --subscribers 2 --json"
    })
public final class BenchCommand implements Callable<Integer> {

  static final String BENCH_EXCHANGE = "lwqueue-bench";

  @Mixin CommonOptions common;
  @Mixin ConnectionOptions connection;

  @Option(names = "--publishers", defaultValue = "1", paramLabel = "N", description = "Publishers, each on its own connection (default: ${DEFAULT-VALUE}).")
  int publishers;

  @Option(names = "--subscribers", defaultValue = "1", paramLabel = "M", description = "Subscribers, each on its own connection and queue (default: ${DEFAULT-VALUE}).")
  int subscribers;

  @Option(names = "--messages", defaultValue = "100000", paramLabel = "K", description = "Messages to publish in all, shared among the publishers (default: ${DEFAULT-VALUE}).")
  long messages;

  @Option(names = "--size", defaultValue = "128", paramLabel = "BYTES", description = "Size of each message body, a chat message's JSON (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--rate", defaultValue = "0", paramLabel = "R", description = "Messages per second for each publisher, like PerfTest's -r; 0 for as fast as confirmations allow (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS", description = "Stop publishing after this long even if messages are left; 0 for no limit (default: ${DEFAULT-VALUE}).")
  double durationSeconds;

  @Option(names = "--warmup", defaultValue = "1", paramLabel = "SECONDS", description = "Leave messages published in the first SECONDS out of rates and latencies (default: ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Option(names = "--max-in-flight", defaultValue = "1000", paramLabel = "N", description = "Messages each publisher may have waiting for confirmation (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--drain-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "After publishing, how long to wait for the subscribers to catch up (default: ${DEFAULT-VALUE}).")
  int drainTimeoutSeconds;

  @Option(names = "--json", description = "Print the figures as JSON.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    validate();
    // A room of its own unless one is named on the command line (not from the environment).
    if (!spec.commandLine().getParseResult().hasMatchedOption("--exchange")) {
      connection.exchange = BENCH_EXCHANGE;
    }
    if (!spec.commandLine().getParseResult().hasMatchedOption("--topic")) {
      connection.pubSub.topic = BENCH_EXCHANGE;
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String run = UUID.randomUUID().toString().substring(0, 8);
    if (size < BenchStamp.minimumSize(run)) {
      throw new UserError(ExitCode.USAGE, "--size must be at least " + BenchStamp.minimumSize(run)
          + " bytes: the chat message that carries the benchmark's stamp");
    }
    int padding = BenchStamp.paddingFor(run, size);
    Duration confirmTimeout = Duration.ofSeconds(30);
    List<ChatTransport> opened = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(publishers, r -> {
      Thread t = new Thread(r, "lwqueue-bench-publisher");
      t.setDaemon(true);
      return t;
    });
    try {
      long runStart = System.nanoTime();
      List<SubscriberStats> stats = new ArrayList<>();
      String target = null;
      for (int i = 0; i < subscribers; i++) {
        ChatTransport transport = open(opened, "subscriber " + i, err);
        target = transport.describe();
        SubscriberStats s = new SubscriberStats(run, publishers, runStart);
        transport.subscribe(SubscribeOptions.temporary().withoutDeduplication(), s); // it counts duplicates
        stats.add(s);
      }
      List<PublisherRun> runs = new ArrayList<>();
      for (int i = 0; i < publishers; i++) {
        ChatTransport transport = open(opened, "publisher " + i, err);
        target = transport.describe();
        long share = messages / publishers + (i < messages % publishers ? 1 : 0);
        runs.add(new PublisherRun(transport, i, run, share, rate, padding, maxInFlight, confirmTimeout));
      }
      long start = System.nanoTime();
      long warmupEnd = start + (long) (warmupSeconds * 1e9);
      long deadline = durationSeconds > 0 ? start + (long) (durationSeconds * 1e9) : start + Long.MAX_VALUE / 2;
      List<Future<?>> running = new ArrayList<>();
      for (PublisherRun p : runs) {
        running.add(threads.submit(() -> {
          p.publish(runStart, warmupEnd, deadline);
          return null;
        }));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
      }
      drain(runs, stats);
      for (ChatTransport t : opened) {
        t.close();
      }
      BenchReport report = new BenchReport(
          new BenchReport.Shape(target, publishers, subscribers, messages, size, rate, warmupSeconds, maxInFlight, run),
          runs, stats);
      if (json) {
        report.printJson(out);
      } else {
        report.printText(out);
      }
      if (report.lost() > 0 || report.duplicated() > 0 || report.notConfirmed() > 0) {
        err.println("lwqueue: warning: " + report.lost() + " lost, " + report.duplicated() + " duplicated, "
            + report.notConfirmed() + " not confirmed");
        err.flush();
      }
      return ExitCode.OK.code();
    } finally {
      threads.shutdownNow();
      opened.forEach(ChatTransport::close);
    }
  }

  private ChatTransport open(List<ChatTransport> opened, String who, PrintWriter err) {
    ChatTransport transport = Transports.open(connection);
    opened.add(transport);
    transport.addConnectionListener(event -> {
      synchronized (err) {
        err.println("lwqueue: " + who + ": " + ConnectionEventText.of(event));
        err.flush();
      }
    });
    return transport;
  }

  /** Waits until every subscriber has every confirmed message, or the drain timeout ran out. */
  private void drain(List<PublisherRun> runs, List<SubscriberStats> stats) throws InterruptedException {
    BitSet[] confirmed = runs.stream().map(PublisherRun::confirmed).toArray(BitSet[]::new);
    long end = System.nanoTime() + Duration.ofSeconds(drainTimeoutSeconds).toNanos();
    while (System.nanoTime() - end < 0) {
      if (stats.stream().allMatch(s -> s.hasAll(confirmed))) {
        return;
      }
      Thread.sleep(10);
    }
  }

  private void validate() {
    if (publishers < 1 || subscribers < 0) {
      throw new UserError(ExitCode.USAGE, "--publishers must be at least 1 and --subscribers at least 0");
    }
    if (messages < 1 || messages / publishers > Integer.MAX_VALUE) {
      throw new UserError(ExitCode.USAGE, "--messages must be between 1 and " + Integer.MAX_VALUE + " per publisher");
    }
    if (rate < 0 || durationSeconds < 0 || warmupSeconds < 0 || drainTimeoutSeconds < 0) {
      throw new UserError(ExitCode.USAGE, "--rate, --duration, --warmup and --drain-timeout may not be negative");
    }
    if (maxInFlight < 1) {
      throw new UserError(ExitCode.USAGE, "--max-in-flight must be at least 1");
    }
  }
}
