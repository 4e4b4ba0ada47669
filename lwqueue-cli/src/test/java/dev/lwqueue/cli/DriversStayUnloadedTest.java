package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.rabbitmq.TestBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chat's commands never load a JDBC driver: not a class of one, nor a class from a driver's jar
 * (the drivers' own dependencies, which lwqueue.jar leaves to target/lib). The test class path has
 * them all, so a command that reached for one would load it here.
 */
class DriversStayUnloadedTest {

  /** A driver's package, or a jar that the build keeps in target/lib (lwqueue-cli's pom, lwqueue.drivers). */
  private static final Pattern DRIVER_CLASS = Pattern.compile(
      " (org\\.duckdb|org\\.postgresql|com\\.clickhouse)\\."
          + "|source: .*/(duckdb_jdbc|postgresql|clickhouse-[a-z-]+|jdbc-v2|client-v2|httpclient5|httpcore5[a-z0-9-]*"
          + "|commons-compress|commons-io|commons-lang3|asm|antlr4-runtime|lz4-java|RoaringBitmap|checker-qual)-[0-9][^/]*\\.jar");

  private final String exchange = "lwq-drivers-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    TestBroker.deleteExchange(exchange);
  }

  @Test
  void sendMessageAndVersionLoadNoDriver() throws Exception {
    assertThat(loadedBy("send-message", "--username", "a", "--message", "b",
        "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange)).noneMatch(DRIVER_CLASS.asPredicate());
    assertThat(loadedBy("--version")).noneMatch(DRIVER_CLASS.asPredicate());
  }

  @Test
  void subscribeLoadsNoDriver() throws Exception {
    Path classes = Files.createTempFile("lwqueue-classes", ".log");
    Process process = withClassLog(classes, "subscribe", "--mode", "simple",
        "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo(SubscribeCommand.WAITING_LINE);
      LwqueueProcess.interrupt(process);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();
    } finally {
      process.destroyForcibly();
    }
    assertThat(loaded(classes)).noneMatch(DRIVER_CLASS.asPredicate());
  }

  /** The pattern can fail: a run that opens a database does load its driver. */
  @Test
  void statsLoadsTheDriver() throws Exception {
    Path db = Files.createTempDirectory("lwqueue-drivers").resolve("empty.duckdb");
    assertThat(loadedBy("stats", "--db", db.toString())).anyMatch(DRIVER_CLASS.asPredicate());
  }

  private static List<String> loadedBy(String... args) throws Exception {
    Path classes = Files.createTempFile("lwqueue-classes", ".log");
    Process process = withClassLog(classes, args).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited: " + output).isTrue();
    return loaded(classes);
  }

  private static ProcessBuilder withClassLog(Path classes, String... args) throws Exception {
    ProcessBuilder builder = LwqueueProcess.builder(Files.createTempFile("lwqueue-drivers", ".log"), args);
    builder.command().add(1, "-Xlog:class+load=info:file=" + classes);
    return builder;
  }

  private static List<String> loaded(Path classes) throws Exception {
    List<String> lines = Files.readAllLines(classes);
    assertThat(lines).as("the class-load log").anyMatch(line -> line.contains("dev.lwqueue.cli.Main "));
    return lines;
  }
}
