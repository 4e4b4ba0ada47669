package dev.lwqueue.cli;

import dev.lwqueue.cli.tui.model.MessageLog;
import picocli.CommandLine.Option;

/** How many messages the full-screen views keep: a mixin of {@code subscribe} and {@code chat}. */
public final class HistoryOption {

  @Option(
      names = "--history",
      defaultValue = "" + MessageLog.DEFAULT_CAPACITY,
      paramLabel = "N",
      description = "Full screen (chat, --mode rich): keep the newest N messages for scrolling back; "
          + "older ones are dropped from memory, never from the broker (default: ${DEFAULT-VALUE}).")
  int history;

  /** The log's bound, checked. */
  int capacity() {
    if (history < 1) {
      throw new UserError(ExitCode.USAGE, "--history must be at least 1");
    }
    return history;
  }
}
