package dev.lwqueue.rabbitmq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A RabbitMQ node of a test's own, on its own ports, that the test may stop, restart and
 * reconfigure: the shared broker on 5672 is never touched. Everything the node owns (config,
 * database, logs, Erlang cookie) lives in one directory under the temporary directory, named after
 * the node, so a node left over by a killed run is found and stopped by the next one.
 *
 * <p>Tests that use it carry the JUnit tag {@value #TAG} and run in their own Maven phase
 * ({@code -Pdedicated-node}), never together with the tests on the shared broker.
 */
public final class DedicatedNode implements AutoCloseable {

  public static final String TAG = "dedicated-node";
  /** Directory holding rabbitmq-server and rabbitmqctl without Debian's su wrapper. */
  public static final String BIN_VARIABLE = "LWQUEUE_RABBITMQ_BIN";
  private static final Path DEFAULT_BIN = Path.of("/usr/lib/rabbitmq/bin");

  private final String node;
  private final int amqpPort;
  private final Path dir;
  private final Path bin;
  private final Map<String, String> env = new HashMap<>();
  private final Thread shutdownHook;
  private volatile boolean stopped;

  private DedicatedNode(String shortName, int amqpPort, int distPort, List<String> config) throws IOException {
    this.node = shortName + "@localhost";
    this.amqpPort = amqpPort;
    this.dir = Path.of(System.getProperty("java.io.tmpdir"), "lwqueue-node-" + shortName);
    String configuredBin = System.getenv(BIN_VARIABLE);
    this.bin = configuredBin != null && !configuredBin.isBlank() ? Path.of(configuredBin) : DEFAULT_BIN;
    if (!Files.isExecutable(bin.resolve("rabbitmq-server"))) {
      throw new IllegalStateException("no rabbitmq-server in " + bin + ": install the rabbitmq-server package or set "
          + BIN_VARIABLE + " to the directory that holds rabbitmq-server and rabbitmqctl");
    }
    Files.createDirectories(dir);
    Path cookie = dir.resolve(".erlang.cookie");
    if (!Files.exists(cookie)) {
      Files.writeString(cookie, UUID.randomUUID().toString().replace("-", "").toUpperCase());
      Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
    }
    env.put("HOME", dir.toString());
    env.put("RABBITMQ_NODENAME", node);
    env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
    env.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
    env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
    env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
    env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
    env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
    env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
    env.put("RABBITMQ_PID_FILE", dir.resolve("node.pid").toString());
    env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
    env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");

    ctlQuietly("stop"); // a node left over by a killed run
    deleteTree(dir.resolve("mnesia"));
    deleteTree(dir.resolve("log"));
    Files.deleteIfExists(dir.resolve("node.pid"));
    List<String> lines = new ArrayList<>();
    lines.add("listeners.tcp.1 = 127.0.0.1:" + amqpPort);
    lines.add("loopback_users = none");
    lines.add("log.console = false");
    lines.addAll(config);
    Files.write(dir.resolve("rabbitmq.conf"), lines, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
    Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
    shutdownHook = new Thread(this::close, "stop " + node);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a fresh node (empty database) and waits until it accepts connections.
   *
   * @param config extra rabbitmq.conf lines, for example an SSL listener
   */
  public static DedicatedNode start(String shortName, int amqpPort, int distPort, List<String> config)
      throws Exception {
    DedicatedNode n = new DedicatedNode(shortName, amqpPort, distPort, config);
    n.run(List.of(n.bin.resolve("rabbitmq-server").toString(), "-detached"), 60);
    n.ctl("wait", n.dir.resolve("node.pid").toString(), "--timeout", "90");
    return n;
  }

  public String node() {
    return node;
  }

  public Path directory() {
    return dir;
  }

  /** guest/guest on this node's AMQP port. */
  public String amqpUri() {
    return "amqp://guest:guest@127.0.0.1:" + amqpPort + "/";
  }

  /** Stops the RabbitMQ application (the Erlang node stays up), as {@code rabbitmqctl stop_app}. */
  public void stopApp() throws Exception {
    ctl("stop_app");
  }

  public void startApp() throws Exception {
    ctl("start_app");
    ctl("await_startup", "--timeout", "90");
  }

  /** Runs rabbitmqctl against this node; fails with its output when it fails. */
  public String ctl(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(bin.resolve("rabbitmqctl").toString());
    command.add("-n");
    command.add(node);
    command.addAll(List.of(args));
    return run(command, 120);
  }

  private void ctlQuietly(String... args) {
    try {
      ctl(args);
    } catch (Exception e) {
      // nothing to stop
    }
  }

  private String run(List<String> command, int timeoutSeconds) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.directory(dir.toFile());
    Path output = Files.createTempFile(dir, "cmd", ".out");
    pb.redirectOutput(output.toFile());
    Process p = pb.start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
      }
      String text = Files.readString(output);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Stops the whole node. Idempotent; also runs at JVM exit if a test forgot. */
  @Override
  public void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    ctlQuietly("stop");
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: this is the hook
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
