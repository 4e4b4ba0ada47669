package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.rabbitmq.BrokerAdmin;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.TestBroker;
import dev.lwqueue.rabbitmq.TestCertificates;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error a user can run into ends with one line on stderr (no stack trace), its documented
 * exit code, and never the password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ErrorExitCodesTest {

  private static final String SECRET = "s3cret-" + UUID.randomUUID();
  private final RabbitMqSettings broker = RabbitMqSettings.fromUri(TestBroker.amqpUri());
  private final String exchange = "lwq-test-errors-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<AutoCloseable> servers = new ArrayList<>();

  @AfterAll
  void cleanUp() throws Exception {
    for (AutoCloseable s : servers) {
      s.close();
    }
    TestBroker.deleteExchange(exchange);
  }

  private CliRun send(String... connection) {
    List<String> args = new ArrayList<>(List.of("send-message", "--username", "u", "--message", "m",
        "--exchange", exchange, "--connect-timeout", "2"));
    args.addAll(List.of(connection));
    return CliRun.run(args.toArray(String[]::new));
  }

  /** One line naming the problem, the exit code, no stack trace, no secret. */
  private static void assertError(CliRun r, ExitCode code, String... mentions) {
    assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(code.code());
    List<String> lines = r.err().lines().toList();
    assertThat(lines.get(0)).startsWith("lwqueue: ").contains(mentions);
    assertThat(lines).as("stderr").hasSizeLessThanOrEqualTo(2);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain(SECRET);
    assertThat(r.out()).doesNotContain(SECRET);
  }

  @Test
  void wrongPasswordIsAuthenticationFailed() {
    CliRun r = send("--host", broker.host(), "--port", "" + broker.port(),
        "--rmq-username", broker.username(), "--rmq-password", SECRET);
    assertError(r, ExitCode.AUTHENTICATION_FAILED, "authentication failed", "'" + broker.username() + "'");
  }

  @Test
  void passwordInAUriIsMaskedInErrors() {
    CliRun r = send("--url", "amqp://nobody:" + SECRET + "@" + broker.host() + ":" + broker.port() + "/");
    assertError(r, ExitCode.AUTHENTICATION_FAILED, "amqp://nobody:****@");
    CliRun bad = send("--url", "amqp://nobody:" + SECRET + "/x@host:notaport/");
    assertError(bad, ExitCode.BAD_CONFIGURATION, "not an AMQP URI");
  }

  /** amqp-client took these for URIs without a host and connected to localhost as guest. */
  @Test
  void aUriWithoutAHostIsABadUriNeverLocalhostNorItsPasswordShown() {
    for (String uri : List.of("amqp:bob:" + SECRET + "@10.9.9.9", "amqp:/bob:" + SECRET + "@host",
        "amqp:guest:" + SECRET + "@" + broker.host())) {
      CliRun r = send("--url", uri);
      assertError(r, ExitCode.BAD_CONFIGURATION, "no host");
      CliRun verbose = send("--url", uri, "--verbose");
      assertThat(verbose.exitCode()).isEqualTo(ExitCode.BAD_CONFIGURATION.code());
      assertThat(verbose.err() + verbose.out()).doesNotContain(SECRET);
    }
  }

  @Test
  void userWithoutPermissionOnTheExchangeIsAccessRefused() throws Exception {
    BrokerAdmin admin = BrokerAdmin.forTestBroker();
    String user = "lwq-test-norights-" + UUID.randomUUID().toString().substring(0, 8);
    admin.createUser(user, SECRET, "^$", "^$", "^$");
    try {
      // A room that does not exist, which this account may not create: not found (exit 10).
      CliRun missing = CliRun.run(Map.of("RABBITMQ_DEFAULT_USER", user, "RABBITMQ_DEFAULT_PASS", SECRET),
          "send-message", "--username", "u", "--message", "m", "--exchange", exchange + "-missing",
          "--host", broker.host(), "--port", "" + broker.port());
      assertError(missing, ExitCode.NOT_FOUND, "'" + user + "'", "may not create it");
      // An existing room it may not write to: the refused publish is access refused at once (exit 6).
      try (com.rabbitmq.client.Connection c = TestBroker.rawConnection();
          com.rabbitmq.client.Channel ch = c.createChannel()) {
        ch.exchangeDeclare(exchange, "fanout", false, false, null);
      }
      CliRun r = CliRun.run(Map.of("RABBITMQ_DEFAULT_USER", user, "RABBITMQ_DEFAULT_PASS", SECRET),
          "send-message", "--username", "u", "--message", "m", "--exchange", exchange,
          "--host", broker.host(), "--port", "" + broker.port());
      assertError(r, ExitCode.ACCESS_REFUSED, "'" + user + "'", "exchange");
    } finally {
      admin.deleteUser(user);
    }
  }

  @Test
  void missingVirtualHost() {
    CliRun r = send("--url", TestBroker.amqpUri(), "--vhost", "x");
    CliRun viaOptions = send("--host", broker.host(), "--port", "" + broker.port(),
        "--vhost", "lwq-no-such-vhost-" + UUID.randomUUID());
    assertError(viaOptions, ExitCode.VHOST_NOT_FOUND, "virtual host", "does not exist");
    // Both on the command line: a conflict, not a silent choice (issue 9, defect 13); once --url won.
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
  }

  @Test
  void closedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertError(send("--host", "127.0.0.1", "--port", "" + port), ExitCode.UNREACHABLE, "cannot reach", ":" + port);
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    servers.add(silent);
    List<Socket> held = new ArrayList<>();
    Thread acceptor = new Thread(() -> {
      try {
        while (!silent.isClosed()) {
          held.add(silent.accept()); // accept, never answer
        }
      } catch (Exception e) {
        // closed
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    CliRun r = send("--host", "127.0.0.1", "--port", "" + silent.getLocalPort());
    assertError(r, ExitCode.UNREACHABLE, "127.0.0.1:" + silent.getLocalPort());
  }

  @Test
  void untrustedCertificateIsTlsFailure(@TempDir Path dir) throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    SSLServerSocket tls = tlsServer(certs);
    CliRun r = send("--host", "localhost", "--port", "" + tls.getLocalPort(), "--tls");
    assertError(r, ExitCode.TLS_FAILED, "TLS");
  }

  @Test
  void tlsToAPlainAmqpPortIsTlsFailure() {
    CliRun r = send("--host", broker.host(), "--port", "" + broker.port(), "--tls");
    assertError(r, ExitCode.TLS_FAILED, "TLS");
  }

  @Test
  void unreadableCaFileIsBadConfiguration(@TempDir Path dir) {
    CliRun r = send("--url", "amqps://guest:guest@localhost:5671/", "--ca-file", dir.resolve("missing.pem").toString());
    assertError(r, ExitCode.BAD_CONFIGURATION, "CA file");
  }

  @Test
  void userWithoutPasswordIsBadConfiguration() {
    CliRun r = CliRun.run(Map.of("RABBITMQ_DEFAULT_USER", "bob"), "send-message", "--username", "u", "--message", "m");
    assertError(r, ExitCode.BAD_CONFIGURATION, "no password", "RABBITMQ_DEFAULT_PASS");
    assertThat(r.err()).contains("--help");
  }

  @Test
  void usageErrorsCarryAHint() {
    CliRun mode = CliRun.run("subscribe", "--mode", "fancy");
    assertError(mode, ExitCode.USAGE, "--mode", "print, simple, json");
    assertThat(mode.err()).contains("Try 'lwqueue subscribe --help'");

    CliRun blank = CliRun.run("send-message", "--username", "  ", "--message", "m");
    assertError(blank, ExitCode.USAGE, "--username");
    assertThat(blank.err()).contains("Try 'lwqueue send-message --help'");

    CliRun queue = CliRun.run("subscribe", "--queue", "amq.mine");
    assertError(queue, ExitCode.USAGE, "amq.");

    CliRun expiry = CliRun.run("subscribe", "--queue", "q", "--queue-expiry", "soon");
    assertError(expiry, ExitCode.USAGE, "duration");
  }

  @Test
  void aQueueThatExistsWithAnotherExpiryIsATopologyMismatch() throws Exception {
    String queue = "lwq-test-expiry-" + UUID.randomUUID().toString().substring(0, 8);
    try (com.rabbitmq.client.Connection c = TestBroker.rawConnection()) {
      c.createChannel().queueDeclare(queue, true, false, false, Map.of("x-expires", 3_600_000L)); // 1 h
      CliRun r = CliRun.run("subscribe", "--queue", queue, "--queue-expiry", "2h",
          "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange);
      assertError(r, ExitCode.TOPOLOGY_MISMATCH, "'" + queue + "'", "exists with other properties");
    } finally {
      TestBroker.deleteQueue(queue);
    }
  }

  @Test
  void aSubscriptionThatEndsForGoodIsReportedOnce() {
    String queue = "lwq-test-ends-" + UUID.randomUUID().toString().substring(0, 8);
    try (CliRun sub = CliRun.start(Map.of(), SubscribeCommand.WAITING_LINE, "subscribe", "--queue", queue,
        "--url=" + TestBroker.amqpUri(), "--exchange=" + exchange)) {
      TestBroker.deleteQueue(queue);
      assertThat(sub.awaitExit()).as(sub.err()).isEqualTo(ExitCode.CONNECTION_LOST.code());
      assertThat(sub.err().lines().filter(l -> l.contains("the queue was deleted")).toList()).as(sub.err())
          .singleElement().asString().startsWith("lwqueue: error: no more messages from queue '" + queue + "'");
    } finally {
      TestBroker.deleteQueue(queue);
    }
  }

  @Test
  void aMessageTheBrokerRefusesExitsElevenAtOnceWithoutSendingItAgain() throws Exception {
    // A queue that takes nothing and refuses what it cannot take: the broker nacks every publish.
    String queue = "lwq-test-full-" + UUID.randomUUID().toString().substring(0, 8);
    try (com.rabbitmq.client.Connection c = TestBroker.rawConnection()) {
      com.rabbitmq.client.Channel ch = c.createChannel();
      ch.exchangeDeclare(exchange, com.rabbitmq.client.BuiltinExchangeType.FANOUT, false, false, null);
      ch.queueDeclare(queue, false, false, false, Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
      ch.queueBind(queue, exchange, "");

      CliRun r = CliRun.run("send-message", "--username", "u", "--message", "m", "--exchange", exchange,
          "--url=" + TestBroker.amqpUri(), "--confirm-timeout", "30");

      assertError(r, ExitCode.NOT_CONFIRMED, "the broker refused the message", "not delivered");
      assertThat(r.err()).doesNotContain("attempts").doesNotContain("did not confirm");
    } finally {
      TestBroker.deleteQueue(queue);
    }
  }

  @Test
  void messageOverTheLimitIsRefusedBeforeConnecting() {
    CliRun r = CliRun.run("send-message", "--username", "u", "--message", "x".repeat(200), "--max-bytes", "100",
        "--port", "1");
    assertError(r, ExitCode.MESSAGE_TOO_LARGE, "over the limit of 100 bytes");
    assertThat(r.err()).contains("--help");
  }

  /** Accepts TLS connections with the test server certificate and completes handshakes. */
  private SSLServerSocket tlsServer(TestCertificates certs) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(certs.serverP12().toFile())) {
      store.load(in, TestCertificates.PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, TestCertificates.PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    servers.add(server);
    Thread acceptor = new Thread(() -> {
      try {
        while (!server.isClosed()) {
          SSLSocket s = (SSLSocket) server.accept();
          try {
            s.startHandshake();
          } catch (Exception e) {
            // the client refused our certificate: what the test expects
          }
          s.close();
        }
      } catch (Exception e) {
        // closed
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }
}
