package dev.lwqueue.cli;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs lwqueue commands in-process with captured output, through the same {@link
 * Main#commandLine} the real process uses; a long-running command runs on a thread of its own
 * and is stopped like Ctrl-C stops it, by an interrupt.
 */
final class CliRun implements AutoCloseable {

  private final StringWriter outBuffer = new StringWriter();
  private final StringWriter errBuffer = new StringWriter();
  private final Thread thread;
  private volatile int exitCode = -1;

  private CliRun(Map<String, String> env, String... args) {
    this(env, System.in, args);
  }

  private CliRun(Map<String, String> env, InputStream in, String... args) {
    PrintWriter out = new PrintWriter(outBuffer, true);
    PrintWriter err = new PrintWriter(errBuffer, true);
    thread = new Thread(() -> exitCode = Main.commandLine(Env.of(env), in, out, err).execute(args), "cli-" + args[0]);
    thread.setDaemon(true);
  }

  /** Runs a command to completion. */
  static CliRun run(Map<String, String> env, String... args) {
    return finish(new CliRun(env, args));
  }

  /** Runs a command to completion with this text as its standard input. */
  static CliRun runWithInput(String input, String... args) {
    return finish(new CliRun(Map.of(), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), args));
  }

  private static CliRun finish(CliRun run) {
    run.thread.start();
    try {
      run.thread.join(Duration.ofSeconds(60).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (run.thread.isAlive()) {
      run.thread.interrupt();
      throw new AssertionError("command did not finish in 60 s; output: " + run.out() + run.err());
    }
    return run;
  }

  static CliRun run(String... args) {
    return run(Map.of(), args);
  }

  /** Starts a long-running command and waits until it printed {@code readyText}. */
  static CliRun start(Map<String, String> env, String readyText, String... args) {
    CliRun run = new CliRun(env, args);
    run.thread.start();
    await("'" + readyText + "' from " + args[0])
        .atMost(Duration.ofSeconds(30))
        .until(() -> run.out().contains(readyText) || !run.thread.isAlive());
    if (!run.out().contains(readyText)) {
      throw new AssertionError("command ended early with " + run.exitCode + ": " + run.out() + run.err());
    }
    return run;
  }

  /** Starts a long-running command without waiting for anything; see {@link #awaitReady()}. */
  static CliRun launch(Map<String, String> env, String... args) {
    CliRun run = new CliRun(env, args);
    run.thread.start();
    return run;
  }

  /** Waits for subscribe's waiting line (on stdout, or stderr in --mode json): the subscription is in place. */
  CliRun awaitReady() {
    await("subscriber ready")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> (out() + err()).contains(SubscribeCommand.WAITING_LINE) || !thread.isAlive());
    if (!thread.isAlive()) {
      throw new AssertionError("command ended early with " + exitCode + ": " + out() + err());
    }
    return this;
  }

  /** Waits until stdout satisfies a condition; fails at once if the command ended first. */
  CliRun awaitOut(String what, Predicate<String> condition, Duration atMost) {
    awaitOrExplain(what, () -> condition.test(out()) || !thread.isAlive(), atMost);
    if (!condition.test(out())) {
      throw new AssertionError("command ended (" + exitCode + ") before " + what + "; stderr: " + err());
    }
    return this;
  }

  CliRun awaitErr(String what, Predicate<String> condition, Duration atMost) {
    awaitOrExplain(what, () -> condition.test(err()), atMost);
    return this;
  }

  /** Waits; on timeout, the failure shows the output as it is then (an alias would show it as it was). */
  private void awaitOrExplain(String what, java.util.concurrent.Callable<Boolean> condition, Duration atMost) {
    try {
      await(what).atMost(atMost).pollInterval(Duration.ofMillis(50)).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no " + what + " within " + atMost.toSeconds() + " s\n--- stdout:\n" + tail(out())
          + "\n--- stderr:\n" + tail(err()), e);
    }
  }

  private static String tail(String s) {
    return s.length() > 3000 ? "…" + s.substring(s.length() - 3000) : s;
  }

  @Override
  public void close() {
    if (thread.isAlive()) {
      stop();
    }
  }

  /** Stops a running command the way Ctrl-C does and waits for it to end. */
  int stop() {
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return exitCode;
  }

  /** Waits for a command that ends by itself (for example after {@code --max-messages}). */
  int awaitExit() {
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      throw new AssertionError("command did not end in 30 s; output: " + out() + err());
    }
    return exitCode;
  }

  void awaitOutput(String text) {
    await("output containing '" + text + "'")
        .atMost(Duration.ofSeconds(30))
        .until(() -> out().contains(text));
  }

  String out() {
    return outBuffer.toString();
  }

  String err() {
    return errBuffer.toString();
  }

  int exitCode() {
    return exitCode;
  }
}
