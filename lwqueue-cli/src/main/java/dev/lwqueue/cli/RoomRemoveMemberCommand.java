package dev.lwqueue.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code room remove-member}: the account goes, and so do its open connections. */
@Command(
    name = "remove-member",
    description = {
      "Delete a member's account and close its open connections.",
      "The member leaves the room at once and cannot come back with the old password."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n")
public final class RoomRemoveMemberCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin RoomOptions room;

  @Parameters(index = "0", paramLabel = "NAME", description = "The account to delete.")
  String account;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    room.requireAccount(account);
    int closed = room.admin().removeMember(account);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Removed account '" + account + "'; closed " + closed + " open connection" + (closed == 1 ? "" : "s")
        + ".");
    out.flush();
    return ExitCode.OK.code();
  }
}
