package dev.lwqueue.cli;

/** A problem with what the user asked for, reported as one line with its own exit code. */
public final class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final ExitCode exitCode;

  public UserError(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
