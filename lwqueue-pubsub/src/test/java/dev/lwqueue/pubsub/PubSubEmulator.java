package dev.lwqueue.pubsub;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.gcloud.PubSubEmulatorContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Pub/Sub emulator every test in a run talks to, chosen once: {@code host:port} from
 * {@code LWQUEUE_TEST_PUBSUB_EMULATOR_HOST} or {@code PUBSUB_EMULATOR_HOST} when set (it must then
 * be reachable); else the emulator jar installed with the Debian package
 * {@code google-cloud-cli-pubsub-emulator}, started on a free port for this JVM and stopped when
 * it exits; else Testcontainers' emulator image when Docker is available. Nothing found is an
 * error, never a skipped suite.
 */
public final class PubSubEmulator {

  public static final String HOST_VARIABLE = "LWQUEUE_TEST_PUBSUB_EMULATOR_HOST";
  public static final String JAR_VARIABLE = "LWQUEUE_TEST_PUBSUB_EMULATOR_JAR";
  public static final String PROJECT = "lwqueue-test";
  static final String DOCKER_IMAGE = "gcr.io/google.com/cloudsdktool/google-cloud-cli:emulators";
  private static final String DEBIAN_PACKAGE = "google-cloud-cli-pubsub-emulator";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private static volatile String host;
  private static ManagedChannel adminChannel;
  private static TopicAdminClient topicAdmin;
  private static SubscriptionAdminClient subscriptionAdmin;

  private PubSubEmulator() {}

  /** {@code host:port} of the test emulator. */
  public static synchronized String host() {
    if (host == null) {
      host = locate();
    }
    return host;
  }

  /** Settings for a transport on the test emulator, in the test project, on the given topic. */
  public static PubSubSettings settings(String topic) {
    return PubSubSettings.emulator(host(), PROJECT).withTopic(topic);
  }

  public static synchronized TopicAdminClient topicAdmin() {
    openAdmin();
    return topicAdmin;
  }

  public static synchronized SubscriptionAdminClient subscriptionAdmin() {
    openAdmin();
    return subscriptionAdmin;
  }

  /** Full names of the subscriptions attached to a topic of the test project. */
  public static List<String> subscriptionsOf(String topic) {
    try {
      List<String> names = new ArrayList<>();
      topicAdmin().listTopicSubscriptions(TopicName.of(PROJECT, topic)).iterateAll().forEach(names::add);
      return names;
    } catch (NotFoundException e) {
      return List.of();
    }
  }

  /** Whether a topic of the test project exists. */
  public static boolean topicExists(String topic) {
    try {
      topicAdmin().getTopic(TopicName.of(PROJECT, topic));
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Whether a subscription of the test project exists. */
  public static boolean subscriptionExists(String subscription) {
    try {
      subscriptionAdmin().getSubscription(ProjectSubscriptionName.of(PROJECT, subscription));
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Creates a subscription on a topic of the test project, optionally with a filter. */
  public static void createSubscription(String subscription, String topic, String filter) {
    subscriptionAdmin().createSubscription(
        Subscription.newBuilder()
            .setName(ProjectSubscriptionName.of(PROJECT, subscription).toString())
            .setTopic(TopicName.of(PROJECT, topic).toString())
            .setFilter(filter == null ? "" : filter)
            .build());
  }

  public static void createTopic(String topic) {
    topicAdmin().createTopic(TopicName.of(PROJECT, topic));
  }

  /** Deletes a topic and the subscriptions on it; best effort, for clean-up after a test. */
  public static void deleteTopic(String topic) {
    try {
      for (String subscription : subscriptionsOf(topic)) {
        deleteSubscription(subscription);
      }
      topicAdmin().deleteTopic(TopicName.of(PROJECT, topic));
    } catch (RuntimeException e) {
      // a leftover test topic on a throwaway emulator harms nobody
    }
  }

  /** Deletes a subscription given by ID (in the test project) or full name; best effort. */
  public static void deleteSubscription(String subscription) {
    try {
      String name = subscription.startsWith("projects/")
          ? subscription : ProjectSubscriptionName.of(PROJECT, subscription).toString();
      subscriptionAdmin().deleteSubscription(name);
    } catch (RuntimeException e) {
      // best effort
    }
  }

  private static void openAdmin() {
    if (topicAdmin != null) {
      return;
    }
    adminChannel = ManagedChannelBuilder.forTarget(host()).usePlaintext().build();
    FixedTransportChannelProvider channel = FixedTransportChannelProvider.create(GrpcTransportChannel.create(adminChannel));
    try {
      topicAdmin = TopicAdminClient.create(TopicAdminSettings.newBuilder()
          .setTransportChannelProvider(channel).setCredentialsProvider(NoCredentialsProvider.create()).build());
      subscriptionAdmin = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
          .setTransportChannelProvider(channel).setCredentialsProvider(NoCredentialsProvider.create()).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String locate() {
    for (String variable : List.of(HOST_VARIABLE, "PUBSUB_EMULATOR_HOST")) {
      String fromEnv = System.getenv(variable);
      if (fromEnv != null && !fromEnv.isBlank()) {
        requireReachable(fromEnv.strip(), variable + " is set to " + fromEnv + " but it");
        return fromEnv.strip();
      }
    }
    Optional<Path> jar = installedJar();
    if (jar.isPresent()) {
      return start(jar.get(), freePort()).host();
    }
    if (dockerAvailable()) {
      PubSubEmulatorContainer container = new PubSubEmulatorContainer(DockerImageName.parse(DOCKER_IMAGE));
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "pubsub-emulator-container-stop"));
      return container.getEmulatorEndpoint();
    }
    throw new IllegalStateException("no Pub/Sub emulator for the tests: set " + HOST_VARIABLE
        + " to a running emulator's host:port, install the Debian package " + DEBIAN_PACKAGE
        + " (or point " + JAR_VARIABLE + " at its jar), or make Docker available");
  }

  /** An emulator process of this JVM's own; destroyed at JVM exit or by {@link #stop()}. */
  public record Instance(Process process, int port, Path log, Path jar, List<String> arguments) {
    public String host() {
      return "127.0.0.1:" + port;
    }

    /** A fresh emulator on the same port (an emulator keeps nothing across a restart). */
    public Instance restart() {
      stop();
      return start(jar, port, arguments.toArray(String[]::new));
    }

    public void stop() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      try {
        Files.deleteIfExists(log);
      } catch (IOException e) {
        // a temp file; the system cleans it
      }
    }
  }

  /**
   * Starts the installed emulator jar on a free loopback port with extra arguments (for example
   * {@code --projects=a,b}); for tests that need an emulator configured differently.
   */
  public static Instance startDedicated(String... extraArguments) {
    Path jar = installedJar().orElseThrow(() -> new IllegalStateException(
        "the Pub/Sub emulator jar is not installed: install " + DEBIAN_PACKAGE + " or set " + JAR_VARIABLE));
    return start(jar, freePort(), extraArguments);
  }

  private static Instance start(Path jar, int port, String... extraArguments) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-jar", jar.toString(), "--host=127.0.0.1", "--port=" + port));
    command.addAll(List.of(extraArguments));
    Path log;
    Process process;
    try {
      log = Files.createTempFile("lwqueue-pubsub-emulator-" + port + "-", ".log");
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Pub/Sub emulator " + jar + ": " + e.getMessage(), e);
    }
    Instance instance = new Instance(process, port, log, jar, List.of(extraArguments));
    Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "pubsub-emulator-stop-" + port));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Pub/Sub emulator exited with " + process.exitValue() + ": " + tail(log));
      }
      if (logSays(log, "Server started") && reachable(instance.host(), 500)) {
        return instance;
      }
      sleep(100);
    }
    instance.stop();
    throw new IllegalStateException("the Pub/Sub emulator did not start within " + START_TIMEOUT.toSeconds()
        + " s: " + tail(log));
  }

  /** The emulator jar: from the environment, the Debian package's file list, or the usual SDK places. */
  static Optional<Path> installedJar() {
    String fromEnv = System.getenv(JAR_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path jar = Path.of(fromEnv);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(JAR_VARIABLE + " is set to " + fromEnv + " but that is not a file");
      }
      return Optional.of(jar);
    }
    Optional<Path> fromDpkg = jarFromDpkg();
    if (fromDpkg.isPresent()) {
      return fromDpkg;
    }
    List<Path> sdkRoots = List.of(
        Path.of("/usr/lib/google-cloud-sdk"),
        Path.of("/usr/share/google-cloud-sdk"),
        Path.of("/opt/google-cloud-sdk"),
        Path.of(System.getProperty("user.home"), "google-cloud-sdk"));
    for (Path root : sdkRoots) {
      Path lib = root.resolve("platform/pubsub-emulator/lib");
      if (Files.isDirectory(lib)) {
        try (Stream<Path> files = Files.list(lib)) {
          Optional<Path> jar = files.filter(PubSubEmulator::isEmulatorJar).findFirst();
          if (jar.isPresent()) {
            return jar;
          }
        } catch (IOException e) {
          // try the next place
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> jarFromDpkg() {
    try {
      Process dpkg = new ProcessBuilder("dpkg", "-L", DEBIAN_PACKAGE).redirectErrorStream(true).start();
      String listing = new String(dpkg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!dpkg.waitFor(10, TimeUnit.SECONDS) || dpkg.exitValue() != 0) {
        return Optional.empty();
      }
      return listing.lines().map(Path::of).filter(PubSubEmulator::isEmulatorJar).filter(Files::isRegularFile).findFirst();
    } catch (IOException e) {
      return Optional.empty(); // no dpkg: not a Debian system
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static boolean isEmulatorJar(Path path) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    return name.startsWith("cloud-pubsub-emulator") && name.endsWith(".jar");
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable t) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireReachable(String hostPort, String what) {
    if (!reachable(hostPort, 3000)) {
      throw new IllegalStateException(what + " is not reachable");
    }
  }

  private static boolean reachable(String hostPort, int timeoutMillis) {
    int colon = hostPort.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
          timeoutMillis);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean logSays(Path log, String text) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Pub/Sub emulator", e);
    }
  }
}
