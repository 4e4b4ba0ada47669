package dev.lwqueue.cli;

import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.PublishReceipt;
import dev.lwqueue.core.TerminalText;
import dev.lwqueue.core.TransportException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
      "Exits 0 only after the broker confirmed the message; says so when nobody was subscribed."
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

  @Mixin CommonOptions common;
  @Mixin ConnectionOptions connection;

  @Option(names = "--username", paramLabel = "NAME", description = "Your name in the room (env LWQUEUE_USERNAME).")
  String username;

  @Option(names = "--message", paramLabel = "TEXT", description = "The message text.")
  String message;

  @Option(
      names = "--confirm-timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "How long to wait for the broker's confirmation (default: ${DEFAULT-VALUE}).")
  int confirmTimeoutSeconds;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ChatMessage chatMessage = ChatMessage.stamped(requireUsername(username), requireMessage(message));
    byte[] body = ChatCodec.encode(chatMessage);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (ChatTransport transport = Transports.open(connection)) {
      PublishReceipt receipt = awaitConfirm(transport, body, chatMessage);
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

  private PublishReceipt awaitConfirm(ChatTransport transport, byte[] body, ChatMessage chatMessage) {
    try {
      return transport
          .publishRaw(body, Map.of(ChatTransport.USERNAME_ATTRIBUTE, chatMessage.username()))
          .get(confirmTimeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new TransportException(TransportException.Kind.NOT_CONFIRMED,
          "the broker did not confirm the message within " + confirmTimeoutSeconds + " s: it may not have been delivered");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TransportException te) {
        throw te;
      }
      throw new TransportException(TransportException.Kind.BROKER_ERROR, "publish failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(TransportException.Kind.NOT_CONFIRMED,
          "interrupted before the broker confirmed the message: it may not have been delivered");
    }
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
}
