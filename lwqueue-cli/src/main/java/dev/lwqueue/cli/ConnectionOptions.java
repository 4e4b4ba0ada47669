package dev.lwqueue.cli;

import dev.lwqueue.rabbitmq.RabbitMqSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How to reach the broker: shared by every command as a picocli mixin. */
public final class ConnectionOptions {

  @Option(
      names = "--backend",
      paramLabel = "BACKEND",
      defaultValue = "rabbitmq",
      description = "Broker to use: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; env LWQUEUE_BACKEND).")
  Backend backend;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "localhost",
      description = "RabbitMQ host, yours or a classmate's (default: ${DEFAULT-VALUE}; env RABBITMQ_HOST).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "5672",
      description = "RabbitMQ AMQP port (default: ${DEFAULT-VALUE}; env RABBITMQ_PORT).")
  int port;

  @Option(
      names = "--rmq-username",
      paramLabel = "USER",
      defaultValue = "guest",
      description = "RabbitMQ user (default: env RABBITMQ_DEFAULT_USER, else guest).")
  String rmqUsername;

  @Option(
      names = "--rmq-password",
      paramLabel = "PASSWORD",
      arity = "0..1",
      interactive = true,
      defaultValue = "guest",
      description = "RabbitMQ password; give the option without a value to be prompted for it "
          + "(default: env RABBITMQ_DEFAULT_PASS, else guest). Prefer the environment or .env: "
          + "a password on the command line shows in ps.")
  char[] rmqPassword;

  @Option(
      names = "--vhost",
      paramLabel = "VHOST",
      defaultValue = "/",
      description = "RabbitMQ virtual host (default: ${DEFAULT-VALUE}).")
  String vhost;

  @Option(
      names = "--url",
      paramLabel = "URI",
      description = "Full AMQP URI, amqp[s]://user:password@host:port/vhost; overrides host, port, "
          + "user, password and vhost (env LWQUEUE_AMQP_URL or AMQP_URL).")
  String url;

  @Option(
      names = "--exchange",
      paramLabel = "EXCHANGE",
      defaultValue = RabbitMqSettings.DEFAULT_EXCHANGE,
      description = "Fanout exchange of the chat room (default: ${DEFAULT-VALUE}; env LWQUEUE_EXCHANGE).")
  String exchange;

  @Option(
      names = "--connect-timeout",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "Give up connecting after this many seconds (default: ${DEFAULT-VALUE}).")
  int connectTimeoutSeconds;

  @Option(names = "--tls", description = "Use TLS (implied by an amqps:// URI); the server certificate is verified.")
  boolean tls;

  @Option(names = "--ca-file", paramLabel = "PEM", description = "CA certificate(s) to trust for TLS instead of the JDK's.")
  Path caFile;

  @Option(names = "--client-cert", paramLabel = "P12", description = "Client certificate and key (PKCS#12) for TLS.")
  Path clientCertificate;

  @Option(
      names = "--client-cert-password",
      paramLabel = "PASSWORD",
      arity = "0..1",
      interactive = true,
      description = "Password of the PKCS#12 file; give the option without a value to be prompted.")
  char[] clientCertificatePassword;

  @Option(
      names = "--no-verify-hostname",
      description = "Accept a TLS certificate issued for another host name (unsafe; for testing only).")
  boolean noVerifyHostname;

  public Backend backend() {
    return backend;
  }

  /** The RabbitMQ settings these options describe. */
  public RabbitMqSettings rabbitMq() {
    RabbitMqSettings settings =
        url != null
            ? RabbitMqSettings.fromUri(url)
            : RabbitMqSettings.of(host, port, rmqUsername, new String(rmqPassword)).withVirtualHost(vhost);
    if (tls) {
      settings = settings.withTls(true);
    }
    return settings
        .withExchange(exchange)
        .withTlsFiles(
            caFile,
            clientCertificate,
            clientCertificatePassword == null ? null : new String(clientCertificatePassword))
        .withVerifyHostname(!noVerifyHostname)
        .withTimeouts(Duration.ofSeconds(Math.max(1, connectTimeoutSeconds)), settings.heartbeat());
  }
}
