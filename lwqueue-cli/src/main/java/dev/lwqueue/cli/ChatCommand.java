package dev.lwqueue.cli;

import dev.lwqueue.cli.tui.ChatView;
import dev.lwqueue.cli.tui.RenderLoop;
import dev.lwqueue.cli.tui.model.ChatSender;
import dev.lwqueue.cli.tui.model.ConnectionStatus;
import dev.lwqueue.cli.tui.model.LogEntry;
import dev.lwqueue.cli.tui.model.MessageLog;
import dev.lwqueue.cli.tui.model.Outbox;
import dev.lwqueue.core.ConnectionEvent;
import dev.lwqueue.core.ConnectionEventText;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The full-screen chat: read the room and type into it. */
@Command(
    name = "chat",
    description = {
      "Chat in the room on a full screen.",
      "The screen shows the messages, a status line and an input line. Enter sends; your message shows when the broker delivers it back, marked [unconfirmed] until the broker "
          + "confirms it. It needs a terminal. Every remote text is shown terminal-safe, as visible escapes."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n",
    footer = {
      "",
      "Keys and commands:",
      "  Enter             send the line",
      "  Up / Down         recall earlier lines",
      "  PgUp / PgDn, Esc  scroll back, forward, back to the newest",
      "  /help             show the commands",
      "  /nick NAME        change your name",
      "  /who              who is in the room now",
      "  /msg ACCOUNT text a private message to one account",
      "  /quit, Ctrl-C     leave",
      "",
      "Examples:",
      "  lwqueue chat --username alice",
      "  lwqueue chat --username bob --host 192.168.1.20 --exchange chat"
    })
public final class ChatCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin ConnectionOptions connection;

  @Mixin UsernameOption username;

  @Mixin QueueOptions queueOptions;
  @Mixin HistoryOption history;
  @Mixin VerifiedOnlyOption verifiedOnly;
  @Mixin ManagementOptions management;

  @Option(
      names = "--confirm-timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "Say so when the broker has not confirmed a message after this long (default: ${DEFAULT-VALUE}).")
  int confirmTimeoutSeconds;

  /** The terminal the full screen takes over; {@code null} for the process's own. Tests set a virtual one. */
  FullScreen.TerminalOpener terminal;

  @Override
  public Integer call() throws IOException {
    String nick = username.require();
    connection.announce(nick);
    int capacity = history.capacity();
    if (!FullScreen.hasTerminal(terminal)) {
      throw new UserError(ExitCode.USAGE,
          "chat needs a terminal on stdin and stdout; from a script, use send-message and subscribe");
    }
    Clock clock = Clock.systemUTC();
    MessageLog log = new MessageLog(capacity);
    Outbox outbox = new Outbox();
    ConnectionStatus status = new ConnectionStatus(FullScreen.target(connection));
    String room = connection.room();
    String backend = connection.backend().name();
    try (ChatSender sender = new ChatSender(log, outbox, Duration.ofSeconds(Math.max(1, confirmTimeoutSeconds)), clock)) {
      ChatView view = new ChatView(log, status, outbox, sender, backend, room, nick, clock, ZoneId.systemDefault());
      return FullScreen.run(FullScreen.orSystem(terminal), view, status, RenderLoop.DEFAULT_MAX_FPS,
          () -> Transports.open(connection),
          (transport, stop) -> {
            transport.addConnectionListener(event -> log.add(notice(event, clock)));
            transport.subscribe(queueOptions.subscribeOptions(connection), verifiedOnly.wrap(transport, log::add));
            sender.attach(transport);
            // Asked only on /who: the management API's HTTP client is not started for a chat that never asks.
            view.presence(() -> Presences.of(connection, management).who());
            log.add(LogEntry.notice(clock.instant(), "joined room " + transport.room() + " as " + view.nick()
                + " (" + backend + ", " + transport.describe() + "); /help for help"
                + (verifiedOnly.verifiedOnly ? "; messages whose sender the broker did not verify are hidden" : "")));
          }).code();
    }
  }

  private static LogEntry notice(ConnectionEvent event, Clock clock) {
    String text = ConnectionEventText.of(event);
    return event.state() == ConnectionEvent.State.RECOVERED
        ? LogEntry.notice(clock.instant(), text)
        : LogEntry.warning(clock.instant(), text);
  }
}
