package dev.lwqueue.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Entry point: wires picocli, one-line errors, exit codes, Ctrl-C and logging. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Logging.configure(Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"));
    Interrupts.interruptOnCtrlC(Thread.currentThread());
    PrintWriter out = utf8Writer(FileDescriptor.out);
    PrintWriter err = utf8Writer(FileDescriptor.err);
    int code = commandLine(Env.system(), out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** The configured command line; tests run commands in-process through this. */
  public static CommandLine commandLine(Env env, PrintWriter out, PrintWriter err) {
    return commandLine(env, System.in, out, err);
  }

  /** The same, with the standard input {@code send-message --stdin} reads. */
  public static CommandLine commandLine(Env env, InputStream in, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new LwqueueCommand(env, in));
    cl.setOut(out);
    cl.setErr(err);
    cl.setDefaultValueProvider(new EnvDefaults(env));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExitCodeExceptionMapper(new ExitCodes());
    cl.setExecutionExceptionHandler(Main::handleExecutionException);
    cl.setParameterExceptionHandler(Main::handleParameterException);
    for (CommandLine sub : cl.getSubcommands().values()) {
      sub.getCommandSpec().versionProvider(new VersionProvider());
      sub.getCommandSpec().usageMessage().exitCodeList(ExitCodes.helpList());
    }
    return cl;
  }

  private static int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    ExitCode code = ExitCodes.forException(ex);
    if (code == ExitCode.INTERNAL) {
      err.println("lwqueue: unexpected error: " + ex);
      if (!verbose(parseResult)) {
        err.println("lwqueue: run again with --verbose for details; the log is " + Logging.logFile());
      }
    } else {
      err.println("lwqueue: error: " + ex.getMessage());
      if (ex instanceof UserError) {
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
      }
    }
    if (verbose(parseResult)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code.code();
  }

  private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("lwqueue: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCode.USAGE.code();
  }

  private static boolean verbose(ParseResult parseResult) {
    for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
      if (pr.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** UTF-8 whatever the locale says, so names and emoji survive a C locale; flushed by callers. */
  private static PrintWriter utf8Writer(FileDescriptor fd) {
    return new PrintWriter(
        new BufferedWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), 1 << 16),
        false);
  }
}
