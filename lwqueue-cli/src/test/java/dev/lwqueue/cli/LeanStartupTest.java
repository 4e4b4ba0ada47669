package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.pubsub.PubSubEmulator;
import dev.lwqueue.rabbitmq.TestBroker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a one-shot command does not do at start-up, seen in the classes a real process loads:
 * picocli's reflective model (the build generated the command's model: CommandModels), logback's
 * search for configurators (LogbackProvider configures it directly) and the JDK's security
 * providers (RandomIds reads the OS's random source), each a share of a one-shot send's start-up.
 * The log still gets written, in the shipped format.
 */
class LeanStartupTest {

  /** picocli's wrapper of an annotated field or method: made only when it reads annotations. */
  private static final String REFLECTIVE_MODEL = "picocli.CommandLine$Model$TypedMember ";
  /** logback's own configuration search (ServiceLoader, then logback.xml and its kin). */
  private static final String CONFIGURATOR_SEARCH = "ch.qos.logback.classic.util.ContextInitializer ";
  /** The JDK's security providers, which its SecureRandom looks up (message ids come from RandomIds). */
  private static final String SECURITY_PROVIDERS = "sun.security.jca.Providers ";

  private final String exchange = "lwq-lean-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    TestBroker.deleteExchange(exchange);
  }

  @Test
  void aOneShotSendBuildsNoReflectiveModelAndSearchesNoConfigurator() throws Exception {
    Path log = Files.createTempFile("lwqueue-lean", ".log");
    List<String> loaded = loadedBy(log, "send-message", "--username", "a", "--message", "b",
        "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange, "--verbose");
    assertThat(loaded).noneMatch(line -> line.contains(REFLECTIVE_MODEL));
    assertThat(loaded).noneMatch(line -> line.contains(CONFIGURATOR_SEARCH));
    assertThat(loaded).noneMatch(line -> line.contains(SECURITY_PROVIDERS));
    assertThat(loaded).anyMatch(line -> line.contains("dev.lwqueue.cli.LogbackProvider "));
    // --verbose logs at debug level: the connection's lines reach the file, in the shipped pattern.
    String shipped = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* +[A-Z]+ +\\[.*\\] .* - .*";
    assertThat(Files.readAllLines(log)).isNotEmpty()
        .allMatch(line -> line.matches(shipped) || !line.matches("\\d{4}-.*"))
        .anyMatch(line -> line.matches(shipped) && line.contains("RabbitMqTransport - connected to"));
  }

  /**
   * On the emulator, a one-shot Pub/Sub send loads neither the security providers (the ordering
   * key and temporary subscription ids come from RandomIds too), nor the JDK's TLS (the REST
   * client's SSL context is never initialised), nor any Google library.
   */
  @Test
  void aOneShotPubSubSendLoadsNoSecurityProviderNoTlsAndNoGoogleLibrary() throws Exception {
    Path log = Files.createTempFile("lwqueue-lean", ".log");
    try {
      List<String> loaded = loadedBy(log, "send-message", "--backend", "pubsub", "--emulator-host",
          PubSubEmulator.host(), "--project", PubSubEmulator.PROJECT, "--topic", exchange, "--username", "a",
          "--message", "b");
      assertThat(loaded).anyMatch(line -> line.contains("jdk.internal.net.http.HttpClientImpl "));
      assertThat(loaded).noneMatch(line -> line.contains(SECURITY_PROVIDERS));
      assertThat(loaded).noneMatch(line -> line.contains("sun.security.ssl."));
      assertThat(loaded).noneMatch(line -> line.contains("] com.google.") || line.contains("] io.grpc."));
    } finally {
      PubSubEmulator.deleteTopic(exchange);
    }
  }

  /** The patterns can fail: the full command line (for help) is built by reflection. */
  @Test
  void theFullHelpStillReadsTheAnnotations() throws Exception {
    Path log = Files.createTempFile("lwqueue-lean", ".log");
    assertThat(loadedBy(log, "--help")).anyMatch(line -> line.contains(REFLECTIVE_MODEL));
  }

  private static List<String> loadedBy(Path log, String... args) throws Exception {
    Path classes = Files.createTempFile("lwqueue-classes", ".log");
    ProcessBuilder builder = LwqueueProcess.builder(log, args).redirectErrorStream(true);
    builder.command().add(1, "-Xlog:class+load=info:file=" + classes);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited: " + output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    List<String> lines = Files.readAllLines(classes);
    assertThat(lines).as("the class-load log").anyMatch(line -> line.contains("dev.lwqueue.cli.Main "));
    return lines;
  }
}
