package dev.lwqueue.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code send-message --bot}: a picocli mixin for the quote bot's options. */
public final class BotOptions {

  @Option(
      names = "--bot",
      description = "Post quotes, each as its author, until Ctrl-C (or --bot-count): a bot to fill a room "
          + "or an archive, as in the original exercise. lwqueue ships its own quotes; no network needed.")
  boolean bot;

  @Option(
      names = "--bot-wait-s",
      defaultValue = "2",
      paramLabel = "SECONDS",
      description = "With --bot: wait between SECONDS and SECONDS + 20 at random between quotes, as the "
          + "original does (default: ${DEFAULT-VALUE}); 0 posts as fast as the broker confirms.")
  double waitSeconds;

  @Option(
      names = "--bot-count",
      defaultValue = "0",
      paramLabel = "N",
      description = "With --bot: stop after N quotes (default: until Ctrl-C).")
  long count;

  @Option(
      names = "--bot-file",
      paramLabel = "FILE",
      description = "With --bot: post these quotes instead, one a line: the author, a tab, the quote "
          + "(a line without a tab is posted as 'bot'; lines starting with # are skipped).")
  Path file;
}
