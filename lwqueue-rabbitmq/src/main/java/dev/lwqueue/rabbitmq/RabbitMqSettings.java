package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import dev.lwqueue.core.TransportException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach RabbitMQ. Built from the original exercise's host, port, user and
 * password, or from an AMQP URI ({@code amqp://user:pass@host:port/vhost}, {@code amqps://} for
 * TLS).
 *
 * @param caFile PEM file of the certificate authority to trust for TLS; {@code null} for the JDK's
 * @param clientCertificate PKCS#12 file with a client certificate and key for TLS; may be null
 * @param clientCertificatePassword password of the PKCS#12 file; may be null
 * @param verifyHostname whether the server certificate must name the host (TLS)
 * @param connectionName the name the broker shows for the connection (management UI, API), so
 *     an operator, or a test, can tell lwqueue's connections apart
 * @param displayName the chat name announced in the connection's client properties, for
 *     {@code lwqueue who}; null when the command has none
 */
public record RabbitMqSettings(
    String host,
    int port,
    String username,
    String password,
    String virtualHost,
    boolean tls,
    Path caFile,
    Path clientCertificate,
    String clientCertificatePassword,
    boolean verifyHostname,
    String exchange,
    Duration connectTimeout,
    Duration heartbeat,
    String connectionName,
    String displayName) {

  public static final String DEFAULT_EXCHANGE = "chat";
  public static final int DEFAULT_PORT = 5672;
  public static final int DEFAULT_TLS_PORT = 5671;
  public static final String DEFAULT_CONNECTION_NAME = "lwqueue";

  public RabbitMqSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(virtualHost, "virtualHost");
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(connectionName, "connectionName");
    if (port < 1 || port > 65535) {
      throw new TransportException(
          TransportException.Kind.BAD_CONFIGURATION, "port " + port + " is not between 1 and 65535");
    }
  }

  public static RabbitMqSettings of(String host, int port, String username, String password) {
    return new RabbitMqSettings(
        host, port, username, password, "/", false, null, null, null, true,
        DEFAULT_EXCHANGE, Duration.ofSeconds(5), Duration.ofSeconds(10),
        DEFAULT_CONNECTION_NAME, null);
  }

  /** Parses an AMQP URI; user and password default to guest, an empty vhost means {@code /}. */
  public static RabbitMqSettings fromUri(String uri) {
    ConnectionFactory parser = new ConnectionFactory();
    try {
      parser.setUri(uri);
    } catch (Exception e) {
      throw new TransportException(
          TransportException.Kind.BAD_CONFIGURATION,
          "not an AMQP URI (amqp://user:password@host:port/vhost): " + maskUri(uri));
    }
    boolean tls = uri.regionMatches(true, 0, "amqps:", 0, 6);
    // amqp://host/ has an empty vhost by the spec, but pika and every user mean the default one.
    String vhost = parser.getVirtualHost().isEmpty() ? "/" : parser.getVirtualHost();
    return of(parser.getHost(), parser.getPort(), parser.getUsername(), parser.getPassword())
        .withVirtualHost(vhost)
        .withTls(tls);
  }

  public RabbitMqSettings withExchange(String newExchange) {
    return new RabbitMqSettings(host, port, username, password, virtualHost, tls, caFile,
        clientCertificate, clientCertificatePassword, verifyHostname, newExchange, connectTimeout, heartbeat, connectionName, displayName);
  }

  public RabbitMqSettings withVirtualHost(String newVirtualHost) {
    return new RabbitMqSettings(host, port, username, password, newVirtualHost, tls, caFile,
        clientCertificate, clientCertificatePassword, verifyHostname, exchange, connectTimeout, heartbeat, connectionName, displayName);
  }

  public RabbitMqSettings withTls(boolean newTls) {
    return new RabbitMqSettings(host, port, username, password, virtualHost, newTls, caFile,
        clientCertificate, clientCertificatePassword, verifyHostname, exchange, connectTimeout, heartbeat, connectionName, displayName);
  }

  public RabbitMqSettings withTlsFiles(Path newCaFile, Path newClientCertificate, String newClientCertificatePassword) {
    return new RabbitMqSettings(host, port, username, password, virtualHost, tls, newCaFile,
        newClientCertificate, newClientCertificatePassword, verifyHostname, exchange, connectTimeout, heartbeat, connectionName, displayName);
  }

  public RabbitMqSettings withVerifyHostname(boolean newVerifyHostname) {
    return new RabbitMqSettings(host, port, username, password, virtualHost, tls, caFile,
        clientCertificate, clientCertificatePassword, newVerifyHostname, exchange, connectTimeout, heartbeat, connectionName, displayName);
  }

  public RabbitMqSettings withCredentials(String newUsername, String newPassword) {
    return new RabbitMqSettings(host, port, newUsername, newPassword, virtualHost, tls, caFile,
        clientCertificate, clientCertificatePassword, verifyHostname, exchange, connectTimeout, heartbeat, connectionName, displayName);
  }

  public RabbitMqSettings withTimeouts(Duration newConnectTimeout, Duration newHeartbeat) {
    return new RabbitMqSettings(host, port, username, password, virtualHost, tls, caFile,
        clientCertificate, clientCertificatePassword, verifyHostname, exchange, newConnectTimeout, newHeartbeat, connectionName, displayName);
  }

  public RabbitMqSettings withConnectionName(String newConnectionName) {
    return new RabbitMqSettings(host, port, username, password, virtualHost, tls, caFile,
        clientCertificate, clientCertificatePassword, verifyHostname, exchange, connectTimeout, heartbeat,
        newConnectionName, displayName);
  }

  public RabbitMqSettings withDisplayName(String newDisplayName) {
    return new RabbitMqSettings(host, port, username, password, virtualHost, tls, caFile,
        clientCertificate, clientCertificatePassword, verifyHostname, exchange, connectTimeout, heartbeat,
        connectionName, newDisplayName);
  }

  /**
   * The topic exchange beside the room that carries private messages, routed by the recipient's
   * account: {@code chat.private} for the room {@code chat}.
   */
  public String privateExchange() {
    return exchange + ".private";
  }

  /** The URI with the password masked, for status lines and error messages. */
  public String maskedUri() {
    String vhostPart = "/".equals(virtualHost) ? "/" : "/" + URLEncoder.encode(virtualHost, StandardCharsets.UTF_8);
    return (tls ? "amqps" : "amqp") + "://" + username + ":****@" + host + ":" + port + vhostPart;
  }

  /** Never print a record holding a password with the default toString. */
  @Override
  public String toString() {
    return "RabbitMqSettings[" + maskedUri() + ", exchange=" + exchange + "]";
  }

  /**
   * Masks the password part of any URI-like string, however malformed: everything between the
   * first ':' after "scheme://" and the last '@' goes, so a password with '/', '@' or spaces in it,
   * or a user name with odd characters, cannot leak either.
   */
  public static String maskUri(String uri) {
    if (uri == null) {
      return "";
    }
    int scheme = uri.indexOf("://");
    if (scheme < 0) {
      return uri;
    }
    int start = scheme + 3;
    int at = uri.lastIndexOf('@');
    if (at < start) {
      return uri;
    }
    int colon = uri.indexOf(':', start);
    if (colon < 0 || colon > at) {
      return uri;
    }
    return uri.substring(0, colon + 1) + "****" + uri.substring(at);
  }

  /** Whether an AMQP URI carries a password of its own ({@code amqp://user:password@...}). */
  public static boolean uriHasPassword(String uri) {
    return uri != null && uri.matches("(?s)[a-zA-Z][a-zA-Z0-9+.-]*://[^/@]*:[^@]*@.*");
  }
}
