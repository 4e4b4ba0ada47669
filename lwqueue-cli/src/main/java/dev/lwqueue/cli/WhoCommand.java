package dev.lwqueue.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lwqueue.cli.output.ParticipantLines;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.Participant;
import java.io.PrintWriter;
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
      "Show who is in the room now.",
      "On RabbitMQ: every consumer of a queue bound to the room's exchange, "
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

  @Mixin CommonOptions common;
  @Mixin ConnectionOptions connection;
  @Mixin ManagementOptions management;

  @Option(names = "--json", description = "One JSON array, for scripts.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    connection.requireOptionsOf(connection.backend());
    List<Participant> participants = Presences.of(connection, management).who();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(participants));
    } else {
      ParticipantLines.of(participants).forEach(out::println);
    }
    out.flush();
    return ExitCode.OK.code();
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

}
