package dev.lwqueue.cli;

import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.pubsub.PubSubSettings;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

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
      description = "RabbitMQ password. Give the option without a value to be prompted for it; otherwise "
          + "it comes from env RABBITMQ_DEFAULT_PASS or .env (guest for the guest user). Avoid giving "
          + "the value here: a password on the command line shows in ps and in your shell history.")
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
      description = "Give up connecting (to RabbitMQ or Pub/Sub) after this many seconds (default: ${DEFAULT-VALUE}).")
  int connectTimeoutSeconds;

  @Option(
      names = "--heartbeat",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "Heartbeat interval; a connection silent for two intervals counts as lost and is "
          + "re-established (default: ${DEFAULT-VALUE}).")
  int heartbeatSeconds;

  @Option(
      names = "--connection-name",
      paramLabel = "NAME",
      description = "Name the broker shows for this connection in its management UI "
          + "(default: lwqueue COMMAND (pid N); env LWQUEUE_CONNECTION_NAME).")
  String connectionName;

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

  @Mixin PubSubOptions pubSub;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** The options that only mean something with {@code --backend rabbitmq}. */
  private static final List<String> RABBITMQ_NAMES = List.of(
      "--host", "--port", "--rmq-username", "--rmq-password", "--vhost", "--url", "--exchange", "--tls",
      "--ca-file", "--client-cert", "--client-cert-password", "--no-verify-hostname", "--heartbeat", "--connection-name");

  public Backend backend() {
    return backend;
  }

  /**
   * Refuses another backend's options given on the command line: {@code --topic} with RabbitMQ
   * would otherwise be ignored without a word. Values from the environment are not checked, since
   * one .env file may well configure both backends.
   */
  void requireOptionsOf(Backend chosen) {
    ParseResult parsed = command == null ? null : command.commandLine().getParseResult();
    if (parsed == null) {
      return;
    }
    List<String> foreign = chosen == Backend.rabbitmq ? PubSubOptions.NAMES : RABBITMQ_NAMES;
    for (String name : foreign) {
      if (parsed.hasMatchedOption(name)) {
        throw new UserError(ExitCode.USAGE, name + " is " + (chosen == Backend.rabbitmq ? "a Pub/Sub" : "a RabbitMQ")
            + " option, but the backend is " + chosen + ": add --backend "
            + (chosen == Backend.rabbitmq ? Backend.pubsub : Backend.rabbitmq) + " or leave " + name + " out");
      }
    }
  }

  /** The Pub/Sub settings these options describe. */
  public PubSubSettings pubSub() {
    return pubSub.settings(Duration.ofSeconds(Math.max(1, connectTimeoutSeconds)));
  }

  /** How a subscriber subscribes: temporary, or on the named subscription given. */
  public SubscribeOptions subscribeOptions() {
    return backend == Backend.pubsub ? pubSub.subscribeOptions() : SubscribeOptions.temporary();
  }

  /** The room as given, before connecting: the Pub/Sub topic or the RabbitMQ exchange. */
  String room() {
    return backend() == Backend.pubsub ? pubSub.topic : exchange;
  }

  /** The RabbitMQ settings these options describe. */
  public RabbitMqSettings rabbitMq() {
    String password = rmqPassword == null ? null : new String(rmqPassword);
    RabbitMqSettings settings;
    if (url != null) {
      settings = RabbitMqSettings.fromUri(url);
      // amqp://user@host/ plus a password from the environment, .env or the prompt.
      if (!RabbitMqSettings.uriHasPassword(url)) {
        settings = settings.withCredentials(settings.username(), requirePassword(settings.username(), password));
      }
    } else {
      settings = RabbitMqSettings.of(host, port, rmqUsername, requirePassword(rmqUsername, password))
          .withVirtualHost(vhost);
    }
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
        .withTimeouts(Duration.ofSeconds(Math.max(1, connectTimeoutSeconds)), Duration.ofSeconds(Math.max(1, heartbeatSeconds)))
        .withConnectionName(connectionName != null ? connectionName : defaultConnectionName());
  }

  private String defaultConnectionName() {
    String commandName = command == null ? "" : " " + command.name();
    return "lwqueue" + commandName + " (pid " + ProcessHandle.current().pid() + ")";
  }

  /** guest's password is guest, as RabbitMQ ships it; any other user must have one configured. */
  private static String requirePassword(String user, String password) {
    if (password != null) {
      return password;
    }
    if ("guest".equals(user)) {
      return "guest";
    }
    throw new UserError(ExitCode.BAD_CONFIGURATION,
        "no password for RabbitMQ user '" + user + "': set RABBITMQ_DEFAULT_PASS in the environment or .env, "
            + "or give --rmq-password without a value to be prompted");
  }
}
