package dev.lwqueue.cli;

import dev.lwqueue.archive.ArchiveListener;
import dev.lwqueue.archive.ArchiveSession;
import dev.lwqueue.archive.Archiver;
import dev.lwqueue.archive.Backoff;
import dev.lwqueue.archive.Database;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConnectionEvent;
import dev.lwqueue.core.ConnectionEventText;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.Subscription;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Stores every message of the room in a database until Ctrl-C; see lwqueue-archive for how. */
@Command(
    name = "archive",
    description = {
      "Store every message of the room in a database until stopped, for 'lwqueue stats'.",
      "Messages go into table user_messages. It reads a durable queue (default " + ArchiveCommand.DEFAULT_QUEUE + "; on Pub/Sub a named subscription), so "
          + "what is sent while it is stopped waits there and is stored when it starts again. A message is "
          + "acknowledged only once its row is committed; rows are written many per transaction. A message "
          + "with an id (lwqueue sends one) is stored once however often it is delivered; one without (the "
          + "Python clients) is stored again in the rare case it is delivered again after a crash. A body "
          + "that is not a chat message is kept with its raw bytes and the reason in table unreadable_messages. "
          + "While the database is unreachable, messages wait in the queue and it is tried again with back-off."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n",
    footer = {
      "",
      "Examples:",
      "  lwqueue archive                                   # into lwqueue.duckdb",
      "  lwqueue archive --db jdbc:postgresql://127.0.0.1:5432/test --db-user postgres",
      "  CLICKHOUSE_PASSWORD=... lwqueue archive \\",
      "      --db jdbc:clickhouse://localhost:8123/default --db-user rmq",
      "  lwqueue archive --backend pubsub --emulator-host localhost:8085"
    })
public final class ArchiveCommand implements java.util.concurrent.Callable<Integer> {

  static final String DEFAULT_QUEUE = "lwqueue-archive";

  @Mixin CommonOptions common;
  @Mixin ConnectionOptions connection;
  @Mixin QueueOptions queueOptions;
  @Mixin DatabaseOptions databaseOptions;

  @Option(
      names = "--batch",
      defaultValue = "2000",
      paramLabel = "N",
      description = "At most N messages per transaction; fewer when traffic stops, so nothing waits "
          + "for long (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--progress-every",
      defaultValue = "10s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "When stderr is not a terminal, a progress line this often (default: ${DEFAULT-VALUE}); "
          + "on a terminal the line is live.")
  Duration progressEvery;

  @ParentCommand LwqueueCommand parent;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (batch < 1) {
      throw new UserError(ExitCode.USAGE, "--batch must be at least 1");
    }
    PrintWriter err = spec.commandLine().getErr();
    // The transport acknowledges (and so makes the archiver commit) a quarter of its prefetch at a time.
    SubscribeOptions options = queueOptions.subscribeOptions(connection, DEFAULT_QUEUE).withPrefetch(batch * 4);
    Database database = databaseOptions.database(parent.env());
    Archiver archiver = new Archiver(database, new Reporter(err), Backoff.DEFAULT).open();
    Progress progress = new Progress(archiver, err, Terminals.isTerminal() ? Duration.ofSeconds(1) : progressEvery,
        Terminals.isTerminal());
    try (ChatTransport transport = Transports.open(connection);
        ArchiveSession session = new ArchiveSession(archiver, handler -> transport.subscribe(options, handler))) {
      // A subscription that ended is the session's to handle (its done() fails); the rest is news.
      transport.addConnectionListener(event -> {
        if (event.state() == ConnectionEvent.State.RECOVERING || event.state() == ConnectionEvent.State.RECOVERED) {
          progress.status(ConnectionEventText.of(event));
        }
      });
      Subscription subscription = session.start();
      progress.status("archiving " + transport.describe() + " into " + database.describe() + " through "
          + (subscription.durable() ? "durable " : "") + subscription.describe() + "; Ctrl-C to stop");
      progress.start(session::backlog);
      session.run();
    } finally {
      progress.stop();
      archiver.close();
    }
    return ExitCode.OK.code();
  }

  /** Tells the user about the database going and coming back. */
  private static final class Reporter implements ArchiveListener {
    private final PrintWriter err;

    Reporter(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void databaseDown(String reason, Duration retryIn) {
      line("database unreachable (" + reason + "): messages wait in the queue; trying again in "
          + seconds(retryIn));
    }

    @Override
    public void databaseBack(Duration downtime) {
      line("database back after " + seconds(downtime) + "; storing what waited");
    }

    private void line(String text) {
      synchronized (err) {
        err.println("\rlwqueue: " + text);
        err.flush();
      }
    }
  }

  static String seconds(Duration d) {
    double s = d.toMillis() / 1000.0;
    return s < 10 ? String.format(Locale.ROOT, "%.1f s", s) : Math.round(s) + " s";
  }

  /** The progress line: live on a terminal, a plain line per interval otherwise. */
  private static final class Progress {
    private final Archiver archiver;
    private final PrintWriter err;
    private final Duration every;
    private final boolean live;
    private Thread thread;
    private volatile Supplier<OptionalLong> backlog = OptionalLong::empty;

    Progress(Archiver archiver, PrintWriter err, Duration every, boolean live) {
      this.archiver = archiver;
      this.err = err;
      this.every = every;
      this.live = live;
    }

    void status(String text) {
      synchronized (err) {
        err.println((live ? "\r\033[K" : "") + "lwqueue: " + text);
        err.flush();
      }
    }

    void start(Supplier<OptionalLong> backlog) {
      this.backlog = backlog;
      thread = new Thread(this::loop, "lwqueue-archive-progress");
      thread.setDaemon(true);
      thread.start();
    }

    private void loop() {
      long lastCount = archiver.stored() + archiver.unreadable();
      long lastTime = System.nanoTime();
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(every.toMillis());
        } catch (InterruptedException e) {
          return;
        }
        long count = archiver.stored() + archiver.unreadable();
        long now = System.nanoTime();
        double rate = (count - lastCount) / Math.max(1e-9, (now - lastTime) / 1e9);
        lastCount = count;
        lastTime = now;
        String line = line(rate);
        synchronized (err) {
          err.print(live ? "\r\033[K" + line : line + System.lineSeparator());
          err.flush();
        }
      }
    }

    private String line(double rate) {
      OptionalLong waiting = backlog.get();
      return String.format(Locale.ROOT, "lwqueue: stored %,d messages, %,d unreadable, %,d repeats skipped; %s%,.0f msg/s%s",
          archiver.stored(), archiver.unreadable(), archiver.duplicates(),
          waiting.isPresent() ? String.format(Locale.ROOT, "%,d waiting in the queue; ", waiting.getAsLong()) : "", rate,
          archiver.isDown() ? "; database unreachable, messages wait in the queue" : "");
    }

    /** Ends the line; nothing when archiving never started (the error says why). */
    void stop() {
      if (thread == null) {
        return;
      }
      thread.interrupt();
      synchronized (err) {
        err.println((live ? "\r\033[K" : "") + line(0).replaceFirst("; 0 msg/s", "") + " (stopped)");
        err.flush();
      }
    }
  }
}
