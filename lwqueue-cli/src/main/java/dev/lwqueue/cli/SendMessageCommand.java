package dev.lwqueue.cli;

import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConfirmedPublish;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.core.TerminalText;
import dev.lwqueue.core.TransportException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Publishes one message and exits 0 only once the broker confirmed it. */
@Command(
    name = "send-message",
    description = {
      "Send a chat message to everybody subscribed to the room.",
      "With --stdin, each line of standard input is a message, all sent over one connection (for scripts and "
          + "bots). It exits 0 only after the broker confirmed every message, and says so when nobody was "
          + "subscribed. If the connection drops before the confirmation, a single message is sent again after "
          + "reconnecting (receivers show it once) until --confirm-timeout, then it exits 11: nothing is lost "
          + "silently. With --stdin, what was not confirmed is counted and it exits 11. With --bot, it posts "
          + "quotes as their authors until stopped, like the original exercise's bot."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n",
    footer = {
      "",
      "Examples:",
      "  lwqueue send-message --username alice --message 'hello, room'",
      "  lwqueue send-message --host 192.168.1.20 --rmq-username rmq \\",
      "      --username bob --message hi",
      "  lwqueue send-message --url amqp://rmq@classmate.example:5672/ --rmq-password \\",
      "      --username bob --message hi",
      "  lwqueue send-message --backend pubsub --emulator-host localhost:8085 \\",
      "      --username bob --message hi",
      "  lwqueue send-message --backend pubsub --project my-project \\",
      "      --credentials publisher.json --username bob --message hi",
      "  tail -f build.log | lwqueue send-message --stdin --username build-bot",
      "  lwqueue send-message --bot",
      "  lwqueue send-message --bot --bot-wait-s 0 --bot-count 100000"
    })
public final class SendMessageCommand implements Callable<Integer> {

  public static final int DEFAULT_MAX_BYTES = 1 << 20;

  @Mixin CommonOptions common;
  @Mixin ConnectionOptions connection;

  @Mixin UsernameOption username;

  @Option(names = "--message", paramLabel = "TEXT", description = "The message text.")
  String message;

  @Option(
      names = "--to",
      paramLabel = "ACCOUNT",
      description = "Send privately to this account: only its subscribers receive the message, not the room. "
          + "On RabbitMQ the broker enforces it (the account is the RabbitMQ user); on Pub/Sub it is the "
          + "recipient's user name.")
  String to;

  @Option(
      names = "--stdin",
      description = "Send each line of standard input as a message, in order, until end of input (Ctrl-D); "
          + "blank lines are skipped. Many messages wait for their confirmation at once, so this keeps up with "
          + "the broker. Prints a count of what was confirmed on stderr.")
  boolean stdin;

  @Mixin BotOptions bot;

  @Option(
      names = "--max-in-flight",
      defaultValue = "1000",
      paramLabel = "N",
      description = "With --stdin or --bot: at most N messages waiting for confirmation (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(
      names = "--confirm-timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "How long to keep trying until the broker confirms the message, reconnecting if the "
          + "connection drops (default: ${DEFAULT-VALUE}).")
  int confirmTimeoutSeconds;

  @Option(
      names = "--max-bytes",
      defaultValue = "" + DEFAULT_MAX_BYTES,
      paramLabel = "BYTES",
      description = "Refuse messages larger than this as sent (UTF-8 JSON), so a slip of the paste "
          + "buffer does not flood the room (default: ${DEFAULT-VALUE}).")
  int maxBytes;

  @ParentCommand LwqueueCommand parent;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (bot.bot) {
      if (message != null || stdin) {
        throw new UserError(ExitCode.USAGE, "give one of --message, --stdin and --bot");
      }
      return new BotSender(bot, Duration.ofSeconds(Math.max(1, confirmTimeoutSeconds)), maxInFlight)
          .run(connection, spec.commandLine().getOut(), spec.commandLine().getErr())
          .code();
    }
    if (stdin) {
      if (message != null) {
        throw new UserError(ExitCode.USAGE, "give either --message or --stdin, not both");
      }
      connection.announce(username.require());
      return new StdinSender(username.require(), recipient(), Duration.ofSeconds(Math.max(1, confirmTimeoutSeconds)),
              maxInFlight, maxBytes)
          .send(connection, parent.stdin(), spec.commandLine().getErr())
          .code();
    }
    ChatMessage chatMessage = ChatMessage.stamped(username.require(), requireMessage(message));
    byte[] body = ChatCodec.encode(chatMessage);
    requireSize(body.length, maxBytes);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    connection.announce(chatMessage.username());
    String recipient = recipient();
    try (ChatTransport transport = Transports.open(connection)) {
      int brokerLimit = transport.capabilities().maxMessageBytes();
      if (body.length > brokerLimit) {
        throw new TransportException(TransportException.Kind.MESSAGE_TOO_LARGE, "the message is " + body.length
            + " bytes as sent; "
            + (connection.backend() == Backend.pubsub ? "Pub/Sub" : "RabbitMQ") + " takes at most " + brokerLimit
            + " bytes per message");
      }
      PublishReceipt receipt = ConfirmedPublish.publish(
          transport,
          body,
          recipient == null ? Map.of(ChatTransport.USERNAME_ATTRIBUTE, chatMessage.username())
              : ChatTransport.privateAttributes(chatMessage.username(), recipient),
          Duration.ofSeconds(Math.max(1, confirmTimeoutSeconds)));
      out.println((recipient == null ? "Sent " : "Sent privately to " + TerminalText.sanitize(recipient) + " ")
          + TerminalText.sanitize(new String(body, StandardCharsets.UTF_8)));
      out.flush();
      if (receipt.routing() == PublishReceipt.Routing.UNROUTED && recipient != null) {
        err.println("lwqueue: " + TerminalText.sanitize(recipient) + " is not subscribed right now: the broker "
            + "accepted the message but no one received it");
        err.flush();
      } else if (receipt.routing() == PublishReceipt.Routing.UNROUTED) {
        err.println("lwqueue: nobody is subscribed to " + transport.describe()
            + " right now: the broker accepted the message but no one received it");
        err.flush();
      }
    }
    return ExitCode.OK.code();
  }

  private String recipient() {
    if (to == null) {
      return null;
    }
    if (to.isBlank() || to.strip().length() > 256) {
      throw new UserError(ExitCode.USAGE, "--to needs the recipient's account (at most 256 characters)");
    }
    return to.strip();
  }

  private static String requireMessage(String message) {
    if (message == null) {
      throw new UserError(ExitCode.USAGE, "--message is required (or --stdin to send lines of standard input)");
    }
    return message;
  }

  private static void requireSize(int bytes, int limit) {
    if (bytes > limit) {
      throw new UserError(ExitCode.MESSAGE_TOO_LARGE,
          "the message is " + bytes + " bytes as sent, over the limit of " + limit + " bytes (--max-bytes)");
    }
  }
}
