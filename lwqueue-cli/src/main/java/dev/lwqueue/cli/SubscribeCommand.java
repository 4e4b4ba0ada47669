package dev.lwqueue.cli;

import dev.lwqueue.cli.output.DeliveryFormat;
import dev.lwqueue.cli.output.LinePrinter;
import dev.lwqueue.cli.output.PrintFormat;
import dev.lwqueue.cli.output.SimpleFormat;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConnectionEvent;
import dev.lwqueue.core.DeliveryHandler;
import dev.lwqueue.core.TransportException;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
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
      "Every remote text is shown terminal-safe: control characters and escape sequences appear as",
      "visible escapes, so nobody can move your cursor, recolour or retitle your terminal."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n",
    footer = {
      "",
      "Modes:",
      "  print   'Received <body>' per message, exactly like the original exercise",
      "  simple  'HH:mm:ss username: message', a stable colour per user (off with NO_COLOR or a pipe)",
      "",
      "Examples:",
      "  lwqueue subscribe",
      "  lwqueue subscribe --mode simple --host 192.168.1.20",
      "  lwqueue subscribe --backend pubsub --emulator-host localhost:8085",
      "  lwqueue subscribe --backend pubsub --project my-project --subscription chat-sub --credentials subscriber.json"
    })
public final class SubscribeCommand implements Callable<Integer> {

  /** What the original exercise's consumer prints before the first message. */
  static final String WAITING_LINE = " [*] Waiting for messages. To exit press CTRL+C";

  public enum Mode {
    print,
    simple,
    rich
  }

  @Mixin CommonOptions common;
  @Mixin ConnectionOptions connection;

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
      description = "Exit after N messages (default: run until Ctrl-C).")
  long maxMessages;

  @ParentCommand LwqueueCommand parent;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (mode == Mode.rich) {
      throw new UserError(ExitCode.USAGE, "--mode rich is not built yet: use --mode simple");
    }
    DeliveryFormat format =
        switch (mode) {
          case print -> new PrintFormat();
          case simple, rich -> new SimpleFormat(Terminals.colourEnabled(parent.env()), ZoneId.systemDefault());
        };
    StopSignal stop = new StopSignal();
    try (ChatTransport transport = Transports.open(connection)) {
      transport.addConnectionListener(event -> report(event, err, stop));
      DeliveryHandler printer = new LinePrinter(out, format);
      AtomicLong received = new AtomicLong();
      transport.subscribe(
          connection.subscribeOptions(),
          delivery -> {
            printer.onDelivery(delivery);
            if (maxMessages > 0 && received.incrementAndGet() >= maxMessages) {
              stop.stop(ExitCode.OK);
            }
          });
      out.println(WAITING_LINE);
      out.flush();
      return stop.await().code();
    }
  }

  private static void report(ConnectionEvent event, PrintWriter err, StopSignal stop) {
    String line =
        switch (event.state()) {
          case RECOVERING -> "lwqueue: reconnecting… (" + event.detail() + ")";
          case RECOVERED -> "lwqueue: back after " + Math.max(1, event.downtime().toSeconds()) + " s";
          case CONNECTED -> "lwqueue: connected";
          case FAILED -> "lwqueue: error: " + event.detail();
        };
    synchronized (err) {
      err.println(line);
      err.flush();
    }
    if (event.state() == ConnectionEvent.State.FAILED) {
      stop.fail(new TransportException(TransportException.Kind.CLOSED, event.detail()));
    }
  }
}
