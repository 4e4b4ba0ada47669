package dev.lwqueue.cli;

import dev.lwqueue.archive.ArchiveException;
import dev.lwqueue.core.TransportException;
import picocli.CommandLine;

/** picocli's hook from an exception to the process exit code. */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {

  @Override
  public int getExitCode(Throwable exception) {
    return forException(exception).code();
  }

  static ExitCode forException(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof TransportException te) {
        return ExitCode.of(te.kind());
      }
      if (t instanceof ArchiveException ae) {
        return ExitCode.of(ae.kind());
      }
      if (t instanceof UserError ue) {
        return ue.exitCode();
      }
      if (t instanceof CommandLine.ParameterException) {
        return ExitCode.USAGE;
      }
      if (t instanceof InterruptedException) {
        return ExitCode.OK; // a stop signal (README, "Signals"): a stop the user asked for, not an error
      }
    }
    return ExitCode.INTERNAL;
  }

  /**
   * The exit code list for {@code --help}, from the same enum as the README's table. Every command
   * built sets it, so it is padded by hand: {@code String.format} loads the locale's number
   * formatting, a tenth of a one-shot send's start-up.
   */
  static java.util.Map<String, String> helpList() {
    java.util.Map<String, String> list = new java.util.LinkedHashMap<>();
    for (ExitCode code : ExitCode.values()) {
      String number = Integer.toString(code.code());
      list.put("   ".substring(Math.min(3, number.length())) + number, code.meaning());
    }
    return list;
  }
}
