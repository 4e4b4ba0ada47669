package dev.lwqueue.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A tmux server of a test's own (its own socket, so parallel runs and the user's tmux never
 * meet), with one window whose pane runs an interactive shell. tmux missing is a failure.
 */
final class Tmux implements AutoCloseable {

  static final String PROMPT = "lwq-e2e$";
  static final String SESSION = "e2e";

  private final String socket = "lwq-test-" + UUID.randomUUID().toString().substring(0, 8);

  Tmux(int columns, int rows) {
    run("-f", "/dev/null", "new-session", "-d", "-s", SESSION, "-x", String.valueOf(columns), "-y", String.valueOf(rows),
        "bash --norc --noprofile -i");
    // A fixed prompt, so the tests can see when the shell is back.
    keys("export PS1='" + PROMPT + " '; clear");
    enter();
  }

  /** Runs a tmux command on this server and returns what it printed. */
  String run(String... args) {
    List<String> command = new ArrayList<>(List.of("tmux", "-u", "-L", socket));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("LANG", "C.UTF-8"); // tmux shows wide characters only in a UTF-8 locale
    pb.environment().remove("TMUX");
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("tmux " + String.join(" ", args) + " did not finish");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError("tmux " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run tmux (is it installed? .ci/run installs it): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Types text literally into the pane. */
  void keys(String text) {
    if (text.chars().allMatch(c -> c < 0x80)) {
      run("send-keys", "-t", SESSION, "-l", text);
      return;
    }
    // Java encodes a child's arguments in the platform's encoding, ASCII in a C locale: other
    // text goes through a tmux paste buffer, read from a UTF-8 file.
    try {
      Path file = Files.createTempFile("lwq-tmux-keys", ".txt");
      try {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        run("load-buffer", "-b", "lwq-keys", file.toString());
        run("paste-buffer", "-d", "-b", "lwq-keys", "-t", SESSION);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  void enter() {
    run("send-keys", "-t", SESSION, "Enter");
  }

  /** Presses a key by tmux's name for it: q, Escape, C-c, PageUp... */
  void press(String key) {
    run("send-keys", "-t", SESSION, key);
  }

  /** The pane's visible lines, as tmux shows them (trailing blanks trimmed). */
  List<String> screen() {
    String captured = run("capture-pane", "-p", "-t", SESSION);
    List<String> lines = new ArrayList<>(List.of(captured.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  String screenText() {
    return String.join("\n", screen());
  }

  /** A tmux format for the pane, such as #{alternate_on} or #{cursor_flag}. */
  String pane(String format) {
    return run("display-message", "-p", "-t", SESSION, format).strip();
  }

  void resize(int columns, int rows) {
    run("resize-window", "-t", SESSION, "-x", String.valueOf(columns), "-y", String.valueOf(rows));
  }

  @Override
  public void close() {
    try {
      run("kill-server");
    } catch (AssertionError e) {
      // already gone
    }
  }
}
