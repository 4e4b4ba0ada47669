package dev.lwqueue.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.Participant;
import dev.lwqueue.core.Presence;
import dev.lwqueue.core.TerminalText;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.admin.RoomPresence;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lwqueue who}: who is receiving from the room now. */
@Command(
    name = "who",
    description = {
      "Show who is in the room now: on RabbitMQ every consumer of a queue bound to the room's exchange, "
          + "from the management API, with account, chat name (lwqueue announces it), client program, "
          + "since when and from where; on Pub/Sub the topic's subscriptions (lwqueue labels its own "
          + "with the user name). On RabbitMQ other accounts' connections are shown only to an account "
          + "that may see them, such as the room host's."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n",
    footer = {"", "Examples:", "  lwqueue who", "  lwqueue who --json | jq -r '.[].account'"})
public final class WhoCommand implements Callable<Integer> {

  private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneId.systemDefault());

  @Mixin CommonOptions common;
  @Mixin ConnectionOptions connection;
  @Mixin ManagementOptions management;

  @Option(names = "--json", description = "One JSON array, for scripts.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    connection.requireOptionsOf(connection.backend());
    List<Participant> participants = presence().who();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(participants));
    } else {
      print(out, participants);
    }
    out.flush();
    return ExitCode.OK.code();
  }

  private Presence presence() {
    return switch (connection.backend()) {
      case rabbitmq -> {
        RabbitMqSettings settings = connection.rabbitMq();
        yield new RoomPresence(management.api(settings), settings);
      }
      case pubsub -> throw new UserError(ExitCode.USAGE, "who is not available on Pub/Sub yet");
    };
  }

  static String toJson(List<Participant> participants) {
    ArrayNode array = ChatCodec.mapper().createArrayNode();
    for (Participant p : participants) {
      ObjectNode node = array.addObject();
      node.put("account", p.account());
      node.put("username", p.displayName());
      node.put("client", p.client());
      node.put("since", p.since() == null ? null : p.since().toString());
      node.put("from", p.from());
      node.put("receives_from", p.receivesFrom());
    }
    return array.toString();
  }

  /** A table, or one line per participant for the chat's /who; remote text made terminal-safe. */
  static void print(PrintWriter out, List<Participant> participants) {
    out.println(participants.isEmpty() ? "Nobody is in the room." :
        participants.size() + (participants.size() == 1 ? " is" : " are") + " in the room:");
    for (String line : lines(participants)) {
      out.println("  " + line);
    }
  }

  static List<String> lines(List<Participant> participants) {
    return participants.stream().map(p -> String.format("%-20s %-20s %-16s %-19s %s",
        safe(p.account()), safe(p.displayName()), safe(p.client()),
        p.since() == null ? "-" : SINCE.format(p.since()), safe(p.from()))).toList();
  }

  private static String safe(String text) {
    return text == null ? "-" : TerminalText.display(text, 40);
  }
}
