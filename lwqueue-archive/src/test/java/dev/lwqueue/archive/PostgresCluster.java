package dev.lwqueue.archive;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own (Debian's postgresql-15 binaries), on a free port in a
 * temporary directory, that the test may stop and start: never the machine's. initdb refuses to
 * run as root, so as root it runs as the {@code postgres} user.
 */
public final class PostgresCluster implements AutoCloseable {

  public static final Path BIN = Path.of(System.getenv().getOrDefault("LWQUEUE_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"));

  private final Path dir;
  private final int port;

  public PostgresCluster() throws IOException, InterruptedException {
    dir = Files.createTempDirectory("lwqueue-pg-");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    if (root()) {
      run(List.of("chown", "postgres", dir.toString()));
    }
    run(asOwner(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres",
        "--no-sync", "-E", "UTF8", "--locale=C"));
    start();
  }

  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  public int port() {
    return port;
  }

  public void start() throws IOException, InterruptedException {
    run(asOwner(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-l",
        dir.resolve("log").toString(), "-o", "-p " + port + " -k " + dir + " -h 127.0.0.1 -c fsync=off", "start"));
  }

  /** Stops it at once, cutting every connection, as a crashed or rebooted server would. */
  public void stop() throws IOException, InterruptedException {
    run(asOwner(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-m", "immediate", "stop"));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      stop();
    } catch (IllegalStateException e) {
      // already stopped
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> asOwner(String... command) {
    List<String> all = new ArrayList<>();
    if (root()) {
      all.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    all.addAll(List.of(command));
    return all;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output));
    }
  }
}
