package dev.lwqueue.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.TerminalText;
import dev.lwqueue.rabbitmq.admin.Member;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code room members}: the accounts of the room's virtual host, their role, online or not. */
@Command(
    name = "members",
    description = {
      "List the room's accounts, their role and whether they are online.",
      "These are the accounts that may use the room's virtual host, with the role lwqueue gave them and "
          + "whether they are connected now."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n")
public final class RoomMembersCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin RoomOptions room;

  @Option(names = "--json", description = "One JSON array, for scripts.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<Member> members = room.admin().members();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ArrayNode array = ChatCodec.mapper().createArrayNode();
      for (Member m : members) {
        ObjectNode node = array.addObject();
        node.put("account", m.account());
        node.put("role", m.role() == null ? null : m.role().label());
        node.put("online", m.online());
        node.put("connections", m.connections());
      }
      out.println(array);
    } else {
      out.printf("%-24s %-8s %s%n", "ACCOUNT", "ROLE", "ONLINE");
      for (Member m : members) {
        out.printf("%-24s %-8s %s%n", TerminalText.sanitize(m.account()), m.role() == null ? "-" : m.role().label(),
            m.online() ? "yes (" + m.connections() + " connection" + (m.connections() == 1 ? ")" : "s)") : "no");
      }
    }
    out.flush();
    return ExitCode.OK.code();
  }
}
