package dev.lwqueue.cli;

import dev.lwqueue.cli.output.DeliveryFormat;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.TerminalText;
import dev.lwqueue.core.work.DeadLetters;
import dev.lwqueue.core.work.WorkQueues;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shows, resends or drops a webhook bridge's dead letters. */
@Command(
    name = "dead-letters",
    description = {
      "Show (list), resend (replay) or drop (purge) the dead letters of a webhook bridge: the messages it gave up "
          + "on after --max-attempts, each with the last HTTP status and error.",
      "replay puts them back into the bridge's queue only (the room does not see them again), where a running "
          + "'lwqueue webhook' delivers them afresh; each leaves the dead letters once the broker has it back."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n",
    footer = {
      "",
      "Examples:",
      "  lwqueue dead-letters list --queue webhook-bot.example",
      "  lwqueue dead-letters replay --queue webhook-bot.example",
      "  lwqueue dead-letters purge --queue webhook-bot.example"
    })
public final class DeadLettersCommand implements Callable<Integer> {

  public enum Action {
    list,
    replay,
    purge
  }

  @Mixin CommonOptions common;
  @Mixin ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "ACTION", description = "list, replay or purge.")
  Action action;

  @Option(names = "--queue", paramLabel = "NAME", required = true,
      description = "The bridge's queue (on Pub/Sub: subscription), as 'lwqueue webhook' printed it: webhook-HOST "
          + "unless it was given --queue.")
  String queue;

  @Option(names = "--max", paramLabel = "N", defaultValue = "1000",
      description = "list and replay: at most N dead letters (default: ${DEFAULT-VALUE}); oldest first on RabbitMQ.")
  int max;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (max < 1) {
      throw new UserError(ExitCode.USAGE, "--max must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (WorkQueues queues = WorkQueueFactory.open(connection)) {
      DeadLetters letters = queues.deadLetters(queue.strip());
      switch (action) {
        case list -> {
          List<DeadLetters.DeadLetter> found = letters.list(max);
          for (DeadLetters.DeadLetter letter : found) {
            out.println(describe(letter));
          }
          spec.commandLine().getErr().println("lwqueue: " + found.size() + " dead letter(s) in " + letters.describe());
        }
        case replay -> out.println("replayed " + letters.replay(max) + " dead letter(s) into queue '" + letters.queue() + "'");
        case purge -> {
          long purged = letters.purge();
          out.println(purged < 0 ? "purged the dead letters of queue '" + letters.queue() + "'"
              : "purged " + purged + " dead letter(s) of queue '" + letters.queue() + "'");
        }
      }
      out.flush();
      spec.commandLine().getErr().flush();
      return ExitCode.OK.code();
    }
  }

  /** One line: when, attempts, last status and error, then the body; every remote text terminal-safe. */
  static String describe(DeadLetters.DeadLetter letter) {
    String body = ChatCodec.isValidUtf8(letter.body())
        ? new String(letter.body(), StandardCharsets.UTF_8)
        : "(" + letter.body().length + " bytes, not UTF-8)";
    return TerminalText.remote(letter.attributes().getOrDefault(DeadLetters.DEAD_AT, "?"))
        + "  attempts " + TerminalText.remote(letter.attributes().getOrDefault(DeadLetters.ATTEMPTS, "?"))
        + "  status " + TerminalText.remote(letter.attributes().getOrDefault(DeadLetters.LAST_STATUS, "none"))
        + "  error " + TerminalText.remote(letter.attributes().getOrDefault(DeadLetters.LAST_ERROR, ""))
        + "  body " + TerminalText.display(body, DeliveryFormat.MAX_SHOWN_CHARS);
  }
}
