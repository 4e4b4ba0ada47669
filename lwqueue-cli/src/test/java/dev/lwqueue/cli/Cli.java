package dev.lwqueue.cli;

import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Runs lwqueue commands in this JVM, the way Main does, and captures what they print. */
final class Cli {

  private Cli() {}

  record Result(int code, String out, String err) {}

  static Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(Env.of(env), new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  static Result run(String... args) {
    return run(Map.of(), args);
  }

  /** Starts a long-running command (subscribe) on a thread of its own. */
  static Background start(Map<String, String> env, String... args) {
    return new Background(env, args);
  }

  static final class Background implements AutoCloseable {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger code = new AtomicInteger(Integer.MIN_VALUE);
    private final Thread thread;

    private Background(Map<String, String> env, String[] args) {
      thread = new Thread(() -> code.set(
          Main.commandLine(Env.of(env), new PrintWriter(out), new PrintWriter(err)).execute(args)), "lwqueue " + args[0]);
      thread.setDaemon(true);
      thread.start();
    }

    String out() {
      return out.toString();
    }

    String err() {
      return err.toString();
    }

    Background awaitOut(String what, Predicate<String> condition, Duration atMost) {
      await(what + "\n--- stdout:\n" + tail(out()) + "\n--- stderr:\n" + tail(err()))
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> condition.test(out()) || !thread.isAlive());
      if (!condition.test(out())) {
        throw new AssertionError("command ended (" + code.get() + ") before " + what + "; stderr: " + err());
      }
      return this;
    }

    Background awaitErr(String what, Predicate<String> condition, Duration atMost) {
      await(what + "\n--- stderr:\n" + tail(err())).atMost(atMost).pollInterval(Duration.ofMillis(50))
          .until(() -> condition.test(err()));
      return this;
    }

    /** Waits for the waiting line, printed once the subscription is in place. */
    Background awaitReady() {
      await("subscriber ready\n--- stderr:\n" + err())
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> (out() + err()).contains("Waiting for messages") || !thread.isAlive());
      if (!thread.isAlive()) {
        throw new AssertionError("subscriber ended (" + code.get() + "): " + err());
      }
      return this;
    }

    /** Ctrl-C: interrupts the command and waits for its exit code. */
    int stop() throws InterruptedException {
      thread.interrupt();
      thread.join(30_000);
      return code.get();
    }

    int awaitExit(Duration atMost) throws InterruptedException {
      thread.join(atMost.toMillis());
      return code.get();
    }

    @Override
    public void close() throws InterruptedException {
      if (thread.isAlive()) {
        stop();
      }
    }

    private static String tail(String s) {
      return s.length() > 3000 ? "…" + s.substring(s.length() - 3000) : s;
    }
  }
}
