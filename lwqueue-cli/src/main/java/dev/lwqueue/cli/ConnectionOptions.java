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

  /** What the prompt for --rmq-password says: short, not the option's whole description. */
  static final String PASSWORD_PROMPT = "RabbitMQ password (--rmq-password): ";

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
      prompt = ConnectionOptions.PASSWORD_PROMPT,
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
      description = "Full AMQP URI, amqp[s]://user:password@host:port/vhost, instead of --host, --port, "
          + "--rmq-username, --rmq-password and --vhost (env LWQUEUE_AMQP_URL, then AMQP_URL). "
          + "A part given on the command line beats a URL from the environment or .env.")
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
      prompt = "Password of the client certificate file (--client-cert-password): ",
      description = "Password of the PKCS#12 file; give the option without a value to be prompted.")
  char[] clientCertificatePassword;

  @Option(
      names = "--no-verify-hostname",
      description = "Accept a TLS certificate issued for another host name (unsafe; for testing only).")
  boolean noVerifyHostname;

  @Mixin PubSubOptions pubSub;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** The chat name the command goes by, announced to the broker (who); null when it has none. */
  private String displayName;

  /** Announces this chat name with the connection (RabbitMQ) or on the subscriptions (Pub/Sub). */
  void announce(String name) {
    this.displayName = name;
  }

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
    return pubSub.settings(Duration.ofSeconds(Math.max(1, connectTimeoutSeconds))).withDisplayName(displayName);
  }

  /** How a subscriber subscribes: temporary, or on the named subscription given. */
  public SubscribeOptions subscribeOptions() {
    return backend == Backend.pubsub ? pubSub.subscribeOptions() : SubscribeOptions.temporary();
  }

  /** The room as given, before connecting: the Pub/Sub topic or the RabbitMQ exchange. */
  String room() {
    return backend() == Backend.pubsub ? pubSub.topic : exchange;
  }

  /**
   * The RabbitMQ settings these options describe. Each part (host, port, user, password, vhost)
   * follows the one rule, command line over environment over .env over default, and {@code --url}
   * is a way to set several parts at once: a part typed on the command line beats a URL from the
   * environment or .env; at the same level the URL wins (it ranks above the part variables). A
   * URL's password goes only with the URL's user. Both on the command line is a usage error.
   */
  public RabbitMqSettings rabbitMq() {
    return rabbitMq(true);
  }

  /**
   * The same, without insisting on a password when none is configured (an empty one then): for
   * commands that only print what they would do, such as {@code room add-member --print-commands}.
   */
  public RabbitMqSettings rabbitMq(boolean passwordRequired) {
    RabbitMqSettings fromUrl = url == null ? null : RabbitMqSettings.fromUri(url);
    Source urlSource = url == null ? Source.DEFAULT : sourceOf("--url");
    boolean urlHasPassword = RabbitMqSettings.uriHasPassword(url);
    if (urlSource == Source.COMMAND_LINE) {
      refuseBesideUrl(URL_PARTS);
      if (urlHasPassword) {
        refuseBesideUrl(List.of("--rmq-password"));
      }
    }
    boolean userFromUrl = wins(fromUrl, urlSource, "--rmq-username");
    String user = userFromUrl ? fromUrl.username() : rmqUsername;
    String password = rmqPassword == null ? null : new String(rmqPassword);
    if (userFromUrl && urlHasPassword && urlSource.compareTo(sourceOf("--rmq-password")) >= 0) {
      password = fromUrl.password();
    }
    RabbitMqSettings settings = RabbitMqSettings.of(
            wins(fromUrl, urlSource, "--host") ? fromUrl.host() : host,
            wins(fromUrl, urlSource, "--port") ? fromUrl.port() : port,
            user,
            passwordRequired || password != null ? requirePassword(user, password) : "")
        .withVirtualHost(wins(fromUrl, urlSource, "--vhost") ? fromUrl.virtualHost() : vhost)
        .withTls(tls || (fromUrl != null && fromUrl.tls()));
    return settings
        .withExchange(exchange)
        .withTlsFiles(
            caFile,
            clientCertificate,
            clientCertificatePassword == null ? null : new String(clientCertificatePassword))
        .withVerifyHostname(!noVerifyHostname)
        .withTimeouts(Duration.ofSeconds(Math.max(1, connectTimeoutSeconds)), Duration.ofSeconds(Math.max(1, heartbeatSeconds)))
        .withConnectionName(connectionName != null ? connectionName : defaultConnectionName())
        .withDisplayName(displayName);
  }

  /** The options a URL sets too. */
  private static final List<String> URL_PARTS = List.of("--host", "--port", "--rmq-username", "--vhost");

  /** Where an option's value came from, lowest rank first. */
  enum Source {
    DEFAULT,
    DOTENV,
    ENVIRONMENT,
    COMMAND_LINE
  }

  Source sourceOf(String optionName) {
    ParseResult parsed = command == null ? null : command.commandLine().getParseResult();
    if (parsed != null && parsed.hasMatchedOption(optionName)) {
      return Source.COMMAND_LINE;
    }
    if (command != null && command.commandLine().getDefaultValueProvider() instanceof EnvDefaults env) {
      Env.Level level = env.levelOf(optionName);
      if (level != null) {
        return level == Env.Level.ENVIRONMENT ? Source.ENVIRONMENT : Source.DOTENV;
      }
    }
    return Source.DEFAULT;
  }

  /** Whether the URL sets this part: it ranks at least as high as the part's own option. */
  private boolean wins(RabbitMqSettings fromUrl, Source urlSource, String part) {
    return fromUrl != null && urlSource.compareTo(sourceOf(part)) >= 0;
  }

  private void refuseBesideUrl(List<String> names) {
    for (String name : names) {
      if (sourceOf(name) == Source.COMMAND_LINE) {
        throw new UserError(ExitCode.USAGE,
            "--url and " + name + " both set " + name.substring(2) + ": give one of them, not both");
      }
    }
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
