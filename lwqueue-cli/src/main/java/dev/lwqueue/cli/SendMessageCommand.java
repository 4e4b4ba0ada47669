package dev.lwqueue.cli;

import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConfirmedPublish;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.core.TerminalText;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Publishes one message and exits 0 only once the broker confirmed it. */
@Command(
    name = "send-message",
    description = {
      "Send one chat message to everybody subscribed to the room.",
      "Exits 0 only after the broker confirmed the message; says so when nobody was subscribed.",
      "If the connection drops before the confirmation, the message is sent again after reconnecting",
      "(receivers show it once) until --confirm-timeout; then it exits 11: nothing is lost silently."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n",
    footer = {
      "",
      "Examples:",
      "  lwqueue send-message --username alice --message 'hello, room'",
      "  lwqueue send-message --host 192.168.1.20 --rmq-username rmq --username bob --message hi",
      "  lwqueue send-message --url amqp://rmq@classmate.example:5672/ --rmq-password --username bob --message hi",
      "  lwqueue send-message --backend pubsub --emulator-host localhost:8085 --username bob --message hi",
      "  lwqueue send-message --backend pubsub --project my-project --credentials publisher.json --username bob --message hi"
    })
public final class SendMessageCommand implements Callable<Integer> {

  public static final int DEFAULT_MAX_BYTES = 1 << 20;

  @Mixin CommonOptions common;
  @Mixin ConnectionOptions connection;

  @Option(names = "--username", paramLabel = "NAME", description = "Your name in the room (env LWQUEUE_USERNAME).")
  String username;

  @Option(names = "--message", paramLabel = "TEXT", description = "The message text.")
  String message;

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

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ChatMessage chatMessage = ChatMessage.stamped(requireUsername(username), requireMessage(message));
    byte[] body = ChatCodec.encode(chatMessage);
    requireSize(body.length, maxBytes);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (ChatTransport transport = Transports.open(connection)) {
      requireSize(body.length, transport.capabilities().maxMessageBytes());
      PublishReceipt receipt = ConfirmedPublish.publish(
          transport,
          body,
          Map.of(ChatTransport.USERNAME_ATTRIBUTE, chatMessage.username()),
          Duration.ofSeconds(Math.max(1, confirmTimeoutSeconds)));
      out.println("Sent " + TerminalText.sanitize(new String(body, StandardCharsets.UTF_8)));
      out.flush();
      if (receipt.routing() == PublishReceipt.Routing.UNROUTED) {
        err.println("lwqueue: nobody is subscribed to " + transport.describe()
            + " right now: the broker accepted the message but no one received it");
        err.flush();
      }
    }
    return ExitCode.OK.code();
  }

  static String requireUsername(String username) {
    if (username == null || username.isBlank()) {
      throw new UserError(ExitCode.USAGE, "--username is required (or set LWQUEUE_USERNAME) and may not be blank");
    }
    return username.strip();
  }

  private static String requireMessage(String message) {
    if (message == null) {
      throw new UserError(ExitCode.USAGE, "--message is required");
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
