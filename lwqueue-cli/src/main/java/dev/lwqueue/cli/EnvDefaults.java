package dev.lwqueue.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Option defaults from the environment or {@code .env}. An option the user gives wins; then the
 * first variable set in this table; then the default in the option's annotation.
 */
final class EnvDefaults implements CommandLine.IDefaultValueProvider {

  /** Option name to the variables that can set it, first match wins. README's configuration table. */
  static final Map<String, List<String>> VARIABLES =
      Map.ofEntries(
          Map.entry("--backend", List.of("LWQUEUE_BACKEND")),
          Map.entry("--url", List.of("LWQUEUE_AMQP_URL", "AMQP_URL")),
          Map.entry("--host", List.of("RABBITMQ_HOST")),
          Map.entry("--port", List.of("RABBITMQ_PORT")),
          Map.entry("--rmq-username", List.of("RABBITMQ_DEFAULT_USER")),
          Map.entry("--rmq-password", List.of("RABBITMQ_DEFAULT_PASS")),
          Map.entry("--vhost", List.of("RABBITMQ_DEFAULT_VHOST")),
          Map.entry("--exchange", List.of("LWQUEUE_EXCHANGE")),
          Map.entry("--project", List.of("GOOGLE_CLOUD_PROJECT", "PROJECT_ID")),
          Map.entry("--topic", List.of("TOPIC_NAME")),
          Map.entry("--subscription", List.of("SUBSCRIPTION_NAME")),
          Map.entry("--credentials", List.of("GOOGLE_APPLICATION_CREDENTIALS")),
          Map.entry("--emulator-host", List.of("PUBSUB_EMULATOR_HOST")),
          Map.entry("--username", List.of("LWQUEUE_USERNAME")),
          Map.entry("--queue", List.of("LWQUEUE_QUEUE")),
          Map.entry("--connection-name", List.of("LWQUEUE_CONNECTION_NAME")),
          Map.entry("--secret", List.of("LWQUEUE_WEBHOOK_SECRET")),
          Map.entry("--token", List.of("LWQUEUE_SERVE_TOKEN")));


  private final Env env;

  EnvDefaults(Env env) {
    this.env = env;
  }

  @Override
  public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
    if (!(argSpec instanceof CommandLine.Model.OptionSpec option)) {
      return null;
    }
    for (String variable : VARIABLES.getOrDefault(option.longestName(), List.of())) {
      String value = env.get(variable);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
