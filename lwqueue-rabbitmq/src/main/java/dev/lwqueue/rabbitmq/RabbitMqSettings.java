package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import dev.lwqueue.core.TransportException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /**
   * Parses an AMQP URI; user and password default to guest, an empty vhost means {@code /}. A URI
   * that is not {@code amqp[s]://...} with a host is refused: amqp-client would take
   * {@code amqp:bob:pw@host} (no {@code //}) for a URI without a host and quietly connect to
   * localhost as guest. No error carries the URI's password or a parser's message (which quotes
   * the input).
   */
  public static RabbitMqSettings fromUri(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException | NullPointerException e) {
      throw badUri("not an AMQP URI", uri);
    }
    String scheme = parsed.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("amqp") || scheme.equalsIgnoreCase("amqps"))) {
      throw badUri("not an AMQP URI: the scheme must be amqp:// or amqps://", uri);
    }
    if (parsed.isOpaque() || parsed.getHost() == null) {
      throw badUri("not an AMQP URI: no host (it needs '//' after the scheme, and a host name without '_')", uri);
    }
    ConnectionFactory parser = new ConnectionFactory();
    try {
      parser.setUri(parsed);
    } catch (Exception e) {
      throw badUri("not an AMQP URI", uri);
    }
    boolean tls = scheme.equalsIgnoreCase("amqps");
    // amqp://host/ has an empty vhost by the spec, but pika and every user mean the default one.
    String vhost = parser.getVirtualHost().isEmpty() ? "/" : parser.getVirtualHost();
    return of(parser.getHost(), parser.getPort(), parser.getUsername(), parser.getPassword())
        .withVirtualHost(vhost)
        .withTls(tls);
  }

  private static TransportException badUri(String problem, String uri) {
    return new TransportException(TransportException.Kind.BAD_CONFIGURATION,
        problem + " (amqp://user:password@host:port/vhost): " + maskUri(uri));
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
   * Masks the password part of any URI-like string, however malformed. With an '@', everything
   * between the first ':' of the user information and the last '@' goes, so a password with '/',
   * '@' or spaces in it, a missing "//" ({@code amqp:bob:pw@host}) or a single '/' cannot leak.
   * Without one, whatever follows a ':' after the scheme and is not a port number goes, in case
   * the '@' was forgotten ({@code amqp://bob:pw/host}).
   */
  public static String maskUri(String uri) {
    if (uri == null) {
      return "";
    }
    Matcher scheme = SCHEME.matcher(uri);
    int start = scheme.lookingAt() ? scheme.end() : 0;
    String head = uri.substring(0, start);
    String rest = uri.substring(start);
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      int colon = rest.indexOf(':');
      return colon < 0 || colon > at ? uri : head + rest.substring(0, colon + 1) + "****" + rest.substring(at);
    }
    return head + NOT_A_PORT.matcher(rest).replaceAll(":****");
  }

  private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:/+");
  private static final Pattern NOT_A_PORT = Pattern.compile(":(?![0-9]*(?:/|$))[^/]*");

  /** Whether an AMQP URI carries a password of its own ({@code amqp://user:password@...}). */
  public static boolean uriHasPassword(String uri) {
    return uri != null && uri.matches("(?s)[a-zA-Z][a-zA-Z0-9+.-]*://[^/@]*:[^@]*@.*");
  }
}
