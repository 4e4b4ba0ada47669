package dev.lwqueue.cli;

import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs lwqueue commands inside the test JVM, as {@code Main} would, with captured output. */
final class InProcessCli {

  private InProcessCli() {}

  /** The outcome of a finished command. */
  record Result(int exitCode, String out, String err) {}

  static Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(Env.of(env), new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * A long-running command (subscribe) on a thread of its own. {@link #stop()} interrupts it,
   * which is what Ctrl-C does to the real process.
   */
  static final class Background {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Thread thread;
    private volatile Integer exitCode;

    Background(Map<String, String> env, String... args) {
      thread = new Thread(() -> exitCode =
          Main.commandLine(Env.of(env), new PrintWriter(out, true), new PrintWriter(err, true)).execute(args),
          "cli-" + args[0]);
      thread.setDaemon(true);
      thread.start();
    }

    /** Starts a subscriber and waits until it says it is waiting for messages. */
    static Background subscriber(Map<String, String> env, String... args) {
      Background b = new Background(env, args);
      await("subscriber ready").atMost(Duration.ofSeconds(30))
          .until(() -> b.out().contains(SubscribeCommand.WAITING_LINE) || b.exitCode != null);
      if (b.exitCode != null) {
        throw new AssertionError("subscriber exited with " + b.exitCode + ": " + b.err());
      }
      return b;
    }

    String out() {
      return out.toString();
    }

    String err() {
      return err.toString();
    }

    long linesStartingWith(String prefix) {
      return out().lines().filter(l -> l.startsWith(prefix)).count();
    }

    /** Interrupts the command (Ctrl-C) and waits for it to finish; returns its exit code. */
    int stop() throws InterruptedException {
      thread.interrupt();
      return awaitExit();
    }

    int awaitExit() throws InterruptedException {
      thread.join(TimeUnit.SECONDS.toMillis(30));
      if (thread.isAlive() || exitCode == null) {
        throw new AssertionError("command did not finish; err: " + err());
      }
      return exitCode;
    }
  }
}
