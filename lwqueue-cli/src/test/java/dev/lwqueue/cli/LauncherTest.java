package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code ./lwqueue}: which JDK it picks and which start-up cache it hands that JDK.
 * It runs the real script from a copy of the checkout whose JDKs are stand-ins that print how they
 * were called, so no build and no JVM start is needed.
 */
class LauncherTest {

  @TempDir Path checkout;
  private Path target;
  private Path jar;

  @BeforeEach
  void copyLauncher() throws IOException {
    Path root = repositoryRoot();
    Files.copy(root.resolve("lwqueue"), checkout.resolve("lwqueue"));
    Files.createDirectories(checkout.resolve("scripts"));
    Files.copy(root.resolve("scripts/jdk.sh"), checkout.resolve("scripts/jdk.sh"));
    target = Files.createDirectories(checkout.resolve("lwqueue-cli/target"));
    jar = Files.writeString(target.resolve("lwqueue.jar"), "a jar");
    setAge(jar, 100);
  }

  @Test
  void picksTheNewestJdkWithItsAotCache() throws Exception {
    Path jdk17 = fakeJdk("jdk17", "17.0.15");
    Path jdk25 = fakeJdk("jdk25", "25.0.3");
    Path aot = Files.writeString(target.resolve("lwqueue-java25.aot"), "cache");
    setAge(aot, 10);

    String run = launch(Map.of("LWQUEUE_JDK_SEARCH", jdk17 + " " + jdk25), "--version");

    assertThat(run).startsWith(jdk25 + "/bin/java ")
        .contains("-XX:AOTCache=" + aot)
        .doesNotContain("SharedArchiveFile")
        .contains("--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow")
        .endsWith("-cp " + jar + " dev.lwqueue.cli.Main --version");
  }

  @Test
  void pubSubRunsGetTheAotCacheThatHoldsThePubSubClient() throws Exception {
    Path jdk25 = fakeJdk("jdk25", "25.0.3");
    setAge(Files.writeString(target.resolve("lwqueue-java25.aot"), "cache"), 10);
    Path pubsub = Files.writeString(target.resolve("lwqueue-java25-pubsub.aot"), "cache with Pub/Sub");
    setAge(pubsub, 10);
    Map<String, String> env = Map.of("LWQUEUE_JDK_SEARCH", jdk25.toString());

    assertThat(launch(env, "send-message", "--backend", "pubsub", "--message", "hi")).contains("-XX:AOTCache=" + pubsub);
    assertThat(launch(env, "subscribe", "--backend=pubsub")).contains("-XX:AOTCache=" + pubsub);
    assertThat(launch(Map.of("LWQUEUE_JDK_SEARCH", jdk25.toString(), "LWQUEUE_BACKEND", "pubsub"), "subscribe"))
        .contains("-XX:AOTCache=" + pubsub);
    assertThat(launch(env, "subscribe")).contains("-XX:AOTCache=" + target.resolve("lwqueue-java25.aot"));
  }

  @Test
  void oneShotCommandsGetTheLeanCache() throws Exception {
    Path jdk25 = fakeJdk("jdk25", "25.0.3");
    Path base = target.resolve("lwqueue-java25.aot");
    setAge(Files.writeString(base, "cache"), 10);
    setAge(Files.writeString(target.resolve("lwqueue-java25-pubsub.aot"), "cache with Pub/Sub"), 10);
    Path oneShot = Files.writeString(target.resolve("lwqueue-java25-oneshot.aot"), "lean cache");
    setAge(oneShot, 10);
    Map<String, String> env = Map.of("LWQUEUE_JDK_SEARCH", jdk25.toString());

    assertThat(launch(env, "send-message", "--message", "hi")).contains("-XX:AOTCache=" + oneShot);
    assertThat(launch(env, "--version")).contains("-XX:AOTCache=" + oneShot);
    assertThat(launch(env, "send-message", "--stdin")).contains("-XX:AOTCache=" + base);
    assertThat(launch(env, "send-message", "--bot")).contains("-XX:AOTCache=" + base);
    assertThat(launch(env, "subscribe")).contains("-XX:AOTCache=" + base);
    assertThat(launch(env, "send-message", "--backend", "pubsub", "--message", "hi"))
        .contains("-XX:AOTCache=" + target.resolve("lwqueue-java25-pubsub.aot"));
    Files.delete(oneShot);
    assertThat(launch(env, "send-message", "--message", "hi")).contains("-XX:AOTCache=" + base);
  }

  @Test
  void oneShotCommandsStartWithAHeapTheyFinishIn() throws Exception {
    Map<String, String> env = Map.of("LWQUEUE_JDK_SEARCH", fakeJdk("jdk25", "25.0.3").toString());

    assertThat(launch(env, "send-message", "--message", "hi")).contains("-Xms8m -Xms32m -XX:CompileThresholdScaling=4");
    assertThat(launch(env, "--version")).contains("-Xms32m -XX:CompileThresholdScaling=4");
    assertThat(launch(env, "send-message", "--stdin")).doesNotContain("-Xms32m").doesNotContain("CompileThreshold");
    assertThat(launch(env, "subscribe")).contains("-Xms8m").doesNotContain("-Xms32m").doesNotContain("CompileThreshold");
  }

  @Test
  void fallsBackToJdk17WithItsAppCdsArchive() throws Exception {
    Path jdk17 = fakeJdk("jdk17", "17.0.15");
    Path jsa = Files.writeString(target.resolve("lwqueue-java17.jsa"), "archive");
    setAge(jsa, 10);
    setAge(Files.writeString(target.resolve("lwqueue-java25.aot"), "cache"), 10);

    String run = launch(Map.of("LWQUEUE_JDK_SEARCH", jdk17.toString()), "send-message", "--message", "hi");

    assertThat(run).startsWith(jdk17 + "/bin/java ")
        .contains("-XX:SharedArchiveFile=" + jsa)
        .contains("-XX:TieredStopAtLevel=1")
        .doesNotContain("AOTCache")
        .doesNotContain("--enable-native-access");
  }

  @Test
  void jdk17PubSubRunsGetAnArchiveOfTheirOwn() throws Exception {
    Path jdk17 = fakeJdk("jdk17", "17.0.15");
    Path jsa = Files.writeString(target.resolve("lwqueue-java17.jsa"), "archive");
    setAge(jsa, 10);
    Path pubsub = Files.writeString(target.resolve("lwqueue-java17-pubsub.jsa"), "archive with Pub/Sub");
    setAge(pubsub, 10);
    Map<String, String> env = Map.of("LWQUEUE_JDK_SEARCH", jdk17.toString());

    assertThat(launch(env, "subscribe", "--backend", "pubsub")).contains("-XX:SharedArchiveFile=" + pubsub + " ");
    assertThat(launch(env, "subscribe")).contains("-XX:SharedArchiveFile=" + jsa + " ");
  }

  @Test
  void theCommandsThatWaitTrimTheCHeapWhereTheJdkCan() throws Exception {
    String trim = "-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000";
    Map<String, String> jdk25 = Map.of("LWQUEUE_JDK_SEARCH", fakeJdk("jdk25", "25").toString());
    Map<String, String> jdk17 = Map.of("LWQUEUE_JDK_SEARCH", fakeJdk("jdk17", "17.0.15").toString());
    Map<String, String> oldJdk17 = Map.of("LWQUEUE_JDK_SEARCH", fakeJdk("old17", "17.0.8").toString());
    Map<String, String> jdk21 = Map.of("LWQUEUE_JDK_SEARCH", fakeJdk("jdk21", "21.0.1").toString());

    assertThat(launch(jdk25, "subscribe", "--backend", "pubsub")).contains(trim);
    assertThat(launch(jdk25, "chat")).contains(trim);
    assertThat(launch(jdk17, "subscribe")).contains(trim);
    assertThat(launch(jdk21, "serve")).contains(trim);
    assertThat(launch(oldJdk17, "subscribe")).doesNotContain("TrimNativeHeapInterval");
    assertThat(launch(jdk25, "send-message", "--message", "subscribe")).doesNotContain("TrimNativeHeapInterval");
  }

  @Test
  void aStaleCacheIsNotUsed() throws Exception {
    Path jdk25 = fakeJdk("jdk25", "25.0.3");
    setAge(Files.writeString(target.resolve("lwqueue-java25.aot"), "cache from an older build"), 1000);

    String run = launch(Map.of("LWQUEUE_JDK_SEARCH", jdk25.toString()), "--version");

    assertThat(run).startsWith(jdk25 + "/bin/java ").doesNotContain("AOTCache");
  }

  @Test
  void javaHomeWinsATieAndOlderJdksAreSkipped() throws Exception {
    Path jdk11 = fakeJdk("jdk11", "11.0.2");
    Path other25 = fakeJdk("other25", "25.0.1");
    Path home25 = fakeJdk("home25", "25.0.3");

    String run = launch(Map.of("JAVA_HOME", home25.toString(), "LWQUEUE_JDK_SEARCH", jdk11 + " " + other25), "--version");

    assertThat(run).startsWith(home25 + "/bin/java ");
    assertThat(launch(Map.of("JAVA_HOME", jdk11.toString(), "LWQUEUE_JDK_SEARCH", other25.toString()), "--version"))
        .startsWith(other25 + "/bin/java ");
  }

  @Test
  void theFullJitForLongRuns() throws Exception {
    Path jdk25 = fakeJdk("jdk25", "25.0.3");

    assertThat(launch(Map.of("LWQUEUE_JDK_SEARCH", jdk25.toString()), "send-message", "--stdin"))
        .doesNotContain("TieredStopAtLevel");
    assertThat(launch(Map.of("LWQUEUE_JDK_SEARCH", jdk25.toString()), "bench")).doesNotContain("TieredStopAtLevel");
  }

  private Path fakeJdk(String name, String version) throws IOException {
    Path home = Files.createDirectories(checkout.resolve("jdks").resolve(name));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\necho \"$0 $*\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private String launch(Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("sh", checkout.resolve("lwqueue").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = pb.environment();
    environment.remove("JAVA_HOME");
    environment.remove("LWQUEUE_JAVA");
    environment.remove("LWQUEUE_JAVA_OPTS");
    environment.putAll(new HashMap<>(env));
    Process process = pb.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static void setAge(Path file, int secondsAgo) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("lwqueue")) || !Files.isRegularFile(dir.resolve("lwqueue"))) {
      dir = dir.getParent();
    }
    return dir;
  }
}
