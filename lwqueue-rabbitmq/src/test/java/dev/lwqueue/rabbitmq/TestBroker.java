package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The RabbitMQ every test in a run talks to, chosen once: the AMQP URI in
 * {@code LWQUEUE_TEST_AMQP_URI} when set (it must then be reachable); else a Testcontainers broker
 * when Docker is available; else, outside CI, a broker on localhost:5672 with guest/guest. Nothing
 * found is an error, never a skipped suite.
 */
public final class TestBroker {

  public static final String URI_VARIABLE = "LWQUEUE_TEST_AMQP_URI";
  private static final String LOCAL_URI = "amqp://guest:guest@127.0.0.1:5672/";

  private static volatile String uri;
  private static RabbitMQContainer container;

  private TestBroker() {}

  /** The AMQP URI of the test broker, with credentials. */
  public static synchronized String amqpUri() {
    if (uri == null) {
      uri = locate();
    }
    return uri;
  }

  public static RabbitMqSettings settings(String exchange) {
    return RabbitMqSettings.fromUri(amqpUri()).withExchange(exchange);
  }

  /** A plain amqp-client connection to the test broker, for tests that act as a foreign client. */
  public static Connection rawConnection() throws Exception {
    RabbitMqSettings settings = RabbitMqSettings.fromUri(amqpUri());
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(settings.host());
    factory.setPort(settings.port());
    factory.setUsername(settings.username());
    factory.setPassword(settings.password());
    factory.setVirtualHost(settings.virtualHost());
    return factory.newConnection("lwqueue-test-raw");
  }

  /** A plain amqp-client connection as another account, to a virtual host of the test's. */
  public static Connection rawConnection(String user, String password, String vhost, String name) throws Exception {
    RabbitMqSettings settings = RabbitMqSettings.fromUri(amqpUri());
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(settings.host());
    factory.setPort(settings.port());
    factory.setUsername(user);
    factory.setPassword(password);
    factory.setVirtualHost(vhost);
    factory.setAutomaticRecoveryEnabled(false);
    return factory.newConnection(name);
  }

  /** The test broker's URI for another virtual host, with the test broker's own account. */
  public static String amqpUri(String vhost) {
    RabbitMqSettings settings = RabbitMqSettings.fromUri(amqpUri());
    return "amqp://" + settings.username() + ":" + settings.password() + "@" + settings.host() + ":" + settings.port()
        + "/" + java.net.URLEncoder.encode(vhost, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Deletes an exchange a test created; non-durable exchanges otherwise live until a restart. */
  public static void deleteExchange(String exchange) {
    try (Connection c = rawConnection(); Channel ch = c.createChannel()) {
      ch.exchangeDelete(exchange);
      ch.exchangeDelete(exchange + ".private"); // lwqueue's private messages beside the room
    } catch (Exception e) {
      // best effort: a leftover test exchange harms nobody
    }
  }

  public static void deleteQueue(String queue) {
    try (Connection c = rawConnection(); Channel ch = c.createChannel()) {
      ch.queueDelete(queue);
    } catch (Exception e) {
      // best effort
    }
  }

  /**
   * Whether the broker knows a queue of this name. A passive declare answers 404 NOT_FOUND for a
   * missing queue; an exclusive queue of another connection answers 405 RESOURCE_LOCKED, so exists.
   */
  public static boolean queueExists(String queue) {
    try (Connection c = rawConnection()) {
      Channel ch = c.createChannel();
      try {
        ch.queueDeclarePassive(queue);
        return true;
      } catch (java.io.IOException e) {
        if (e.getCause() instanceof com.rabbitmq.client.ShutdownSignalException sse
            && sse.getReason() instanceof com.rabbitmq.client.AMQP.Channel.Close close) {
          return close.getReplyCode() != com.rabbitmq.client.AMQP.NOT_FOUND;
        }
        throw e;
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot look up queue " + queue, e);
    }
  }

  /** Settings for the test broker reached through another address (a proxy). */
  public static RabbitMqSettings settingsVia(String exchange, java.net.InetSocketAddress address) {
    RabbitMqSettings direct = settings(exchange);
    return RabbitMqSettings.of(address.getHostString(), address.getPort(), direct.username(), direct.password())
        .withVirtualHost(direct.virtualHost()).withExchange(exchange);
  }

  private static String locate() {
    String fromEnv = System.getenv(URI_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      requireReachable(fromEnv, URI_VARIABLE + " is set to " + RabbitMqSettings.maskUri(fromEnv) + " but");
      return fromEnv;
    }
    if (dockerAvailable()) {
      container = new RabbitMQContainer(DockerImageName.parse("rabbitmq:3.10.6-management"));
      container.start();
      return container.getAmqpUrl().replace("amqp://", "amqp://guest:guest@");
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(
          "no test broker on CI: set " + URI_VARIABLE + " (.ci/run does) or make Docker available");
    }
    requireReachable(LOCAL_URI,
        "neither " + URI_VARIABLE + " nor Docker is available, and the fallback " + LOCAL_URI);
    return LOCAL_URI;
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable t) {
      return false;
    }
  }

  private static void requireReachable(String amqpUri, String what) {
    URI parsed = URI.create(amqpUri);
    int port = parsed.getPort() > 0 ? parsed.getPort() : ("amqps".equals(parsed.getScheme()) ? 5671 : 5672);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(parsed.getHost(), port), 3000);
    } catch (Exception e) {
      throw new IllegalStateException(what + " is not reachable (" + e.getMessage() + ")", e);
    }
  }
}
