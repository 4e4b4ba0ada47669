package dev.lwqueue.cli;

import dev.lwqueue.cli.output.DeliveryFormat;
import dev.lwqueue.cli.output.JsonFormat;
import dev.lwqueue.cli.output.LinePrinter;
import dev.lwqueue.cli.output.PrintFormat;
import dev.lwqueue.cli.output.SimpleFormat;
import dev.lwqueue.cli.tui.LiveTableView;
import dev.lwqueue.cli.tui.RenderLoop;
import dev.lwqueue.cli.tui.model.ConnectionStatus;
import dev.lwqueue.cli.tui.model.MessageLog;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConnectionEvent;
import dev.lwqueue.core.ConnectionEventText;
import dev.lwqueue.core.DeliveryHandler;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.Subscription;
import dev.lwqueue.core.TransportException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Receives messages until Ctrl-C and shows them in the chosen mode. */
@Command(
    name = "subscribe",
    description = {
      "Receive the room's messages and show them until Ctrl-C.",
      "Every remote text is shown terminal-safe: control characters and escape sequences appear as visible "
          + "escapes, so nobody can move your cursor, recolour or retitle your terminal. Texts over "
          + DeliveryFormat.MAX_SHOWN_CHARS + " characters are cut with a marker (--mode json shows everything).",
      "A lost connection is re-established by itself ('reconnecting…', 'back after N s' on stderr); a message "
          + "delivered twice is shown once. Use --queue NAME to never miss a message."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n",
    footer = {
      "",
      "Modes:",
      "print: 'Received <body>' per message, exactly like the original exercise.",
      "simple: 'HH:mm:ss username: message', a stable colour per user (off with NO_COLOR or a pipe).",
      "json: one JSON object per message, for jq: received_at, redelivered, bytes, username, message, id, "
          + "sent_at, and the raw body (body_base64 when it is not UTF-8) or the problem with it.",
      "rich: a full-screen live table, newest on top, with the count and rate; q, Esc or Ctrl-C leave, "
          + "PgUp/PgDn scroll; without a terminal it says so and shows simple instead.",
      "",
      "Lines are written out within 10 ms of arriving, not one write per line, so a subscriber writing into "
          + "a file or a pipe keeps up with the broker. SIGTERM and SIGHUP stop it like Ctrl-C.",
      "",
      "Examples:",
      "  lwqueue subscribe",
      "  lwqueue subscribe --mode simple --host 192.168.1.20",
      "  lwqueue subscribe --mode simple --queue alice-inbox  # keeps messages for you",
      "  lwqueue subscribe --mode json | jq -r .message",
      "  lwqueue subscribe --mode rich --history 50000",
      "  lwqueue subscribe --backend pubsub --emulator-host localhost:8085",
      "  lwqueue subscribe --backend pubsub --project my-project \\",
      "      --subscription chat-sub --credentials subscriber.json"
    })
public final class SubscribeCommand implements Callable<Integer> {

  /** What the original exercise's consumer prints before the first message. */
  static final String WAITING_LINE = " [*] Waiting for messages. To exit press CTRL+C";

  public enum Mode {
    print,
    simple,
    json,
    rich
  }

  @Mixin CommonOptions common;
  @Mixin ConnectionOptions connection;
  @Mixin QueueOptions queueOptions;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "print",
      description = "How to show messages: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(
      names = "--max-messages",
      defaultValue = "0",
      paramLabel = "N",
      description = "Exit after showing N distinct messages (a duplicate the broker delivers again is not "
          + "shown and not counted); the rest stay in the queue unacknowledged (default: run until Ctrl-C).")
  long maxMessages;

  @Mixin HistoryOption history;
  @Mixin VerifiedOnlyOption verifiedOnly;

  @Option(
      names = "--username",
      paramLabel = "NAME",
      description = "Your name in the room, announced to 'lwqueue who'; on Pub/Sub also the name whose private "
          + "messages you receive (on RabbitMQ that is your account) (env LWQUEUE_USERNAME).")
  String username;

  /** The terminal the full screen takes over; {@code null} for the process's own. Tests set a virtual one. */
  FullScreen.TerminalOpener terminal;

  @ParentCommand LwqueueCommand parent;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int capacity = history.capacity();
    if (username != null && !username.isBlank()) {
      connection.announce(username.strip());
    }
    if (maxMessages < 0) {
      throw new UserError(ExitCode.USAGE, "--max-messages may not be negative");
    }
    if (mode == Mode.rich) {
      if (FullScreen.hasTerminal(terminal)) {
        return rich(capacity).code();
      }
      err.println("lwqueue: --mode rich needs a terminal on stdin and stdout; showing --mode simple instead");
      err.flush();
      mode = Mode.simple;
    }
    SubscribeOptions subscribeOptions = queueOptions.subscribeOptions(connection);
    DeliveryFormat format =
        switch (mode) {
          case print -> new PrintFormat();
          case json -> new JsonFormat();
          case simple, rich -> new SimpleFormat(Terminals.colourEnabled(parent.env()), ZoneId.systemDefault());
        };
    StopSignal stop = new StopSignal();
    try (ChatTransport transport = Transports.open(connection)) {
      Subscription[] subscription = new Subscription[1];
      transport.addConnectionListener(event -> report(event, subscription[0], err, stop));
      DeliveryHandler printer = new LinePrinter(out, format);
      // The transport stops after exactly --max-messages distinct messages and leaves the rest.
      subscription[0] = transport.subscribe(subscribeOptions.withMaxMessages(maxMessages),
          verifiedOnly.wrap(transport, printer));
      subscription[0].done().thenRun(() -> stop.stop(ExitCode.OK));
      // stdout of --mode json is JSON lines only.
      PrintWriter waiting = mode == Mode.json ? err : out;
      synchronized (waiting) {
        waiting.println(WAITING_LINE);
        waiting.flush();
      }
      if (subscription[0].durable()) {
        status(err, "receiving through durable " + subscription[0].describe()
            + ": messages sent while you are away wait there");
      }
      try {
        return stop.await().code();
      } finally {
        try {
          printer.flush();
        } catch (UncheckedIOException e) {
          // the output is gone: nothing more can be shown, and the transport acknowledges nothing more
        }
        String hidden = verifiedOnly.hiddenReport();
        if (hidden != null) {
          status(err, hidden);
        }
      }
    }
  }

  /** The live table; the terminal is restored before any error reaches the user. */
  private ExitCode rich(int capacity) throws IOException {
    MessageLog log = new MessageLog(capacity);
    ConnectionStatus status = new ConnectionStatus(FullScreen.target(connection));
    LiveTableView view = new LiveTableView(log, status, connection.backend().name(), ZoneId.systemDefault());
    return FullScreen.run(FullScreen.orSystem(terminal), view, status, RenderLoop.DEFAULT_MAX_FPS,
        () -> Transports.open(connection),
        (transport, stop) -> transport
            .subscribe(queueOptions.subscribeOptions(connection).withMaxMessages(maxMessages),
                verifiedOnly.wrap(transport, log::add))
            .done().thenRun(() -> stop.complete(ExitCode.OK)));
  }

  /**
   * Reconnects on stderr as they happen; a failure ends the command and is printed once, by the
   * error handler, as its exit message.
   */
  private static void report(ConnectionEvent event, Subscription subscription, PrintWriter err, StopSignal stop) {
    if (event.state() == ConnectionEvent.State.FAILED) {
      stop.fail(new TransportException(TransportException.Kind.CLOSED, ConnectionEventText.detail(event)));
      return;
    }
    boolean missed = event.state() == ConnectionEvent.State.RECOVERED && subscription != null && !subscription.durable();
    status(err, ConnectionEventText.of(event)
        + (missed ? "; messages sent while disconnected were missed (use --queue NAME to keep them)" : ""));
  }

  private static void status(PrintWriter err, String line) {
    synchronized (err) {
      err.println("lwqueue: " + line);
      err.flush();
    }
  }
}
