package dev.lwqueue.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run on the emulator loads, in a JVM of its own (this one has Google's gRPC client on its
 * class path for the tests' own checks): neither the JDK's TLS, whose default context alone costs
 * an idle subscriber 10 MB, nor Google's auth library, nor any of the gRPC stack.
 */
class EmulatorClassesTest {

  @Test
  void aChatRoundTripOnTheEmulatorLoadsNoTlsAndNoGoogleLibrary(@TempDir Path dir) throws Exception {
    Path classLog = dir.resolve("classes.txt");
    String topic = "lwq-classes-" + UUID.randomUUID().toString().substring(0, 8);
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load:file=" + classLog,
        "-cp", System.getProperty("java.class.path"),
        EmulatorRoundTrip.class.getName(), PubSubEmulator.host(), topic)
        .redirectErrorStream(true)
        .start();
    String output;
    try {
      output = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
      PubSubEmulator.deleteTopic(topic);
    }
    assertThat(output).contains("round trip done");
    List<String> loaded = Files.readAllLines(classLog).stream()
        .map(line -> line.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", ""))
        .toList();
    assertThat(loaded).as("the JDK's HTTP client did the work").anyMatch(line -> line.startsWith("jdk.internal.net.http."));
    assertThat(loaded).noneMatch(line -> line.startsWith("sun.security.ssl."))
        .noneMatch(line -> line.startsWith("com.google."))
        .noneMatch(line -> line.startsWith("io.grpc."));
  }
}
