package dev.lwqueue.cli;

import picocli.CommandLine.Option;

/** {@code --username}: the name messages carry; a mixin of the commands that send ({@code send-message}, {@code chat}). */
public final class UsernameOption {

  @Option(names = "--username", paramLabel = "NAME", description = "Your name in the room (env LWQUEUE_USERNAME).")
  String username;

  /** The name, stripped; missing or blank is a usage error. */
  String require() {
    if (username == null || username.isBlank()) {
      throw new UserError(ExitCode.USAGE, "--username is required (or set LWQUEUE_USERNAME) and may not be blank");
    }
    return username.strip();
  }
}
