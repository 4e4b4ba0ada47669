package dev.lwqueue.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A real lwqueue process from the test class path, as a user starts it: its own JVM, its own signals. */
final class LwqueueProcess {

  private LwqueueProcess() {}

  /** Starts {@code lwqueue ARGS} logging to {@code log}, with the shipped logging configuration. */
  static Process start(Path log, String... args) throws IOException {
    return builder(log, args).start();
  }

  /** The same, not started yet: a test may set its working directory or environment. */
  static ProcessBuilder builder(Path log, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", shippedClassPath(),
        Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("LWQUEUE_LOG_FILE", log.toString());
    return pb;
  }

  /**
   * The test class path without the tests' own classes and test jars, so the shipped logging
   * configuration applies and not a {@code logback-test.xml}.
   */
  static String shippedClassPath() {
    String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(testClassPath.split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Ctrl-C: SIGINT, which the JDK's Process API cannot send. */
  static void interrupt(Process process) throws IOException, InterruptedException {
    signal(process, "INT");
  }

  /** Sends a signal by name (INT, TERM, HUP) to this process alone. */
  static void signal(Process process, String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
  }
}
