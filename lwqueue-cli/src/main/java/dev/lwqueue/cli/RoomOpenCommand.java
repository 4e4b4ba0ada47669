package dev.lwqueue.cli;

import dev.lwqueue.rabbitmq.RabbitMqSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code room open}: declares the room's exchanges, for instance after a broker restart. */
@Command(
    name = "open",
    description = {
      "Create the room's exchanges if they are missing.",
      "They are the room (fanout) and its private messages (topic). Neither is durable, like the original exercise's room, so a broker restart forgets "
          + "them; members may not create them, so the host runs this (or any lwqueue command) to bring "
          + "the room back."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n")
public final class RoomOpenCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin RoomOptions room;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    RabbitMqSettings settings = room.settings(true);
    room.admin().open();
    PrintWriter out = spec.commandLine().getOut();
    out.println("Room '" + settings.exchange() + "' is open on " + settings.maskedUri() + " (exchanges '"
        + settings.exchange() + "' and '" + settings.privateExchange() + "').");
    out.flush();
    return ExitCode.OK.code();
  }
}
