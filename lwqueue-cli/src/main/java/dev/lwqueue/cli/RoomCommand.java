package dev.lwqueue.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lwqueue room}: for the person hosting a room on their RabbitMQ. */
@Command(
    name = "room",
    description = {
      "Host a room for your class on your RabbitMQ.",
      "Invite members with accounts that may do only what their role needs, remove them, list them. Uses "
          + "RabbitMQ's management API with your own account (the connection options), which must be allowed "
          + "to manage users."
    },
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lwqueue room add-member bob",
      "  lwqueue room add-member carol --role sender --json",
      "  lwqueue room add-member dave --role python --print-commands",
      "  lwqueue room members",
      "  lwqueue room remove-member bob",
      "  lwqueue room open"
    },
    subcommands = {
      RoomAddMemberCommand.class,
      RoomRemoveMemberCommand.class,
      RoomMembersCommand.class,
      RoomOpenCommand.class
    })
public final class RoomCommand implements Runnable {

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "a room command is required: add-member, remove-member, members or open");
  }
}
