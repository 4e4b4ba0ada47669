package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.SubstituteLogger;

/**
 * Logging starts on the warm-up thread while the main thread goes on, and the main thread may log
 * before it is done: SLF4J then keeps the event and replays it once logback runs. It must say
 * nothing about that on stderr, the chat's terminal, and the event must reach the log.
 */
class LoggingStartRaceTest {

  @TempDir Path dir;

  @Test
  void aLogCallWhileLoggingStartsReachesTheLogAndNothingReachesTheTerminal() throws Exception {
    for (int attempt = 1; ; attempt++) {
      Process child = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
              Child.class.getName())
          .directory(dir.toFile())
          .start();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(child.exitValue()).as(err).isZero();
      if (!out.equals("substitute") && attempt < 5) {
        continue; // logging was up before the main thread logged: no race this time
      }
      assertThat(out).as("the main thread logged while logging started").isEqualTo("substitute");
      assertThat(err).isEmpty();
      // The test class path's logback-test.xml writes target/test.log under the child's directory.
      assertThat(Files.readString(dir.resolve("target/test.log"))).contains("logged while logging starts");
      return;
    }
  }

  /** Starts logging on a second thread, as {@link StartupWarmup} does, and logs from main meanwhile. */
  static final class Child {
    public static void main(String[] args) throws Exception {
      Logging.configure(false);
      Thread start = new Thread(LoggerFactory::getILoggerFactory, "lwqueue-warmup");
      start.start();
      while (start.isAlive() && Arrays.stream(start.getStackTrace())
          .noneMatch(f -> f.getClassName().startsWith("ch.qos.logback."))) {
        Thread.onSpinWait();
      }
      Logger logger = LoggerFactory.getLogger("race");
      logger.info("logged while logging starts");
      System.out.println(logger instanceof SubstituteLogger ? "substitute" : "ready");
      start.join();
      List.of(System.out, System.err).forEach(java.io.PrintStream::flush);
    }
  }
}
