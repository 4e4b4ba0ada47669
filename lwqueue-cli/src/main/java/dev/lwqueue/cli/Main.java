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
    disableGroovyLookup();
    Logging.configure(Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"));
    if (!isVersionRequest(args)) {
      StartupWarmup.start(args);
    }
    Interrupts.interruptOnStopSignals(Thread.currentThread());
    PrintWriter out = utf8Writer(FileDescriptor.out);
    PrintWriter err = utf8Writer(FileDescriptor.err);
    int code = run(args, Env.system(), System.in, out, err);
    out.flush();
    err.flush();
    if (code == 0 && isVersionRequest(args)) {
      // No thread but this one runs, so returning ends the JVM with 0. System.exit would ask a
      // System.Logger whether to log the exit (JDK 21 and later), which starts the JDK's logging:
      // a third of --version's time. The commands have the warm-up thread do that beforehand.
      return;
    }
    System.exit(code);
  }

  /**
   * picocli's default factory looks for Groovy's {@code Closure} class when first used; lwqueue has
   * no Groovy, and the failed lookup searches the whole jar, which a run served from the start-up
   * cache otherwise opens only later and on the warm-up thread: 25 ms of a one-shot send.
   */
  static void disableGroovyLookup() {
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
  }

  /** The configured command line; tests run commands in-process through this. */
  public static CommandLine commandLine(Env env, PrintWriter out, PrintWriter err) {
    return commandLine(env, System.in, out, err);
  }

  /** The same, with the standard input {@code send-message --stdin} reads. */
  public static CommandLine commandLine(Env env, InputStream in, PrintWriter out, PrintWriter err) {
    return configure(new CommandLine(new LwqueueCommand(env, in)), env, out, err);
  }

  /**
   * Runs lwqueue with these arguments and returns the exit code: {@link #main} and the start-up
   * cache's training run ({@link CdsTraining}) both come here. {@code lwqueue --version} is
   * answered without building a command line, the same lines picocli would print: it needs no
   * parser, and building one was most of its time.
   */
  public static int run(String[] args, Env env, InputStream in, PrintWriter out, PrintWriter err) {
    if (isVersionRequest(args)) {
      for (String line : new VersionProvider().getVersion()) {
        out.println(line);
      }
      return ExitCode.OK.code();
    }
    return commandLineFor(args, env, in, out, err).execute(args);
  }

  private static boolean isVersionRequest(String[] args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }

  /**
   * The command line for these arguments, built lazily: when they start with one of lwqueue's own
   * commands, only that command is built. picocli builds every command's model up front by
   * reflection, a one-shot command's largest start-up cost, which the build's generated models
   * ({@link CommandModels}) avoid; any command added to {@link LwqueueCommand}'s list is found here
   * without more wiring. Anything else ({@code --help}, {@code help}, a typo) gets the full
   * command line.
   */
  public static CommandLine commandLineFor(
      String[] args, Env env, InputStream in, PrintWriter out, PrintWriter err) {
    return commandLineFor(args, env, in, out, err, CommandModels.generated());
  }

  /**
   * The same, the command's model from {@code models} (generated at build time; see {@link
   * CommandModels}), or with null from picocli's reading of its annotations.
   */
  static CommandLine commandLineFor(
      String[] args, Env env, InputStream in, PrintWriter out, PrintWriter err, CommandModels models) {
    Class<?> only = args.length == 0 ? null : models != null ? models.commandNamed(args[0]) : ownCommandNamed(args[0]);
    if (only == null) {
      return commandLine(env, in, out, err);
    }
    LwqueueCommand top = new LwqueueCommand(env, in);
    CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.wrapWithoutInspection(top);
    spec.name(LwqueueCommand.NAME);
    spec.versionProvider(new VersionProvider());
    CommandLine cl = new CommandLine(spec);
    CommandLine.Model.CommandSpec model = models == null ? null : models.create(only, top);
    cl.addSubcommand(new CommandLine(model != null ? model : only));
    return configure(cl, env, out, err);
  }

  /**
   * The command class lwqueue names {@code name}, found by convention ({@code send-message} is
   * {@code SendMessageCommand} in this package) and confirmed by its own {@code @Command} name, or
   * null. Reading {@link LwqueueCommand}'s list and every listed command's annotation instead
   * (loading 14 classes, parsing their annotations) was a sixth of a one-shot send's start-up;
   * {@code LeanCommandLineTest} checks that every listed command, and none of their own subcommands, is found.
   */
  static Class<?> ownCommandNamed(String name) {
    Class<?> sub = commandClassFor(name);
    CommandLine.Command command = sub == null ? null : sub.getAnnotation(CommandLine.Command.class);
    return command != null && name.equals(command.name()) && sub != LwqueueCommand.class ? sub : null;
  }

  /** The class the convention names for {@code name}, not yet confirmed to be that command, or null. */
  static Class<?> commandClassFor(String name) {
    StringBuilder className = new StringBuilder(Main.class.getPackageName()).append('.');
    for (String word : name.split("-", -1)) {
      if (word.isEmpty()) {
        return null; // an option such as --help, or a typo
      }
      className.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
    }
    try {
      return Class.forName(className.append("Command").toString(), false, Main.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null; // not a command of lwqueue's: the full command line reports it
    }
  }

  private static CommandLine configure(CommandLine cl, Env env, PrintWriter out, PrintWriter err) {
    cl.setOut(out);
    cl.setErr(err);
    cl.setDefaultValueProvider(new EnvDefaults(env));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExitCodeExceptionMapper(new ExitCodes());
    cl.setExecutionExceptionHandler(Main::handleExecutionException);
    cl.setParameterExceptionHandler(Main::handleParameterException);
    describeExitCodes(cl);
    return cl;
  }

  /** Every command's help lists the exit codes, subcommands of subcommands ({@code room add-member}) too. */
  private static void describeExitCodes(CommandLine parent) {
    for (CommandLine sub : parent.getSubcommands().values()) {
      sub.getCommandSpec().versionProvider(new VersionProvider());
      sub.getCommandSpec().usageMessage().exitCodeList(ExitCodes.helpList());
      describeExitCodes(sub);
    }
  }

  private static int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    ExitCode code = ExitCodes.forException(ex);
    if (code == ExitCode.OK) {
      err.println("lwqueue: stopped by a signal before " + cmd.getCommandSpec().name() + " finished");
    } else if (code == ExitCode.INTERNAL) {
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
