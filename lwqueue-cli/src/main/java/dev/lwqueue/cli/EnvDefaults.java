package dev.lwqueue.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Option defaults from the environment or {@code .env}. One rule for every setting: the command
 * line, then the environment, then {@code .env}, then the default in the option's annotation;
 * within one level, the first variable of the option's list that is set (README, "Configuration").
 * A level beats the one below it whatever the variables: {@code PROJECT_ID} in the environment
 * beats {@code GOOGLE_CLOUD_PROJECT} in {@code .env}.
 */
final class EnvDefaults implements CommandLine.IDefaultValueProvider {

  /** Option name to the variables that can set it, highest rank first. README's configuration table. */
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
          Map.entry("--db", List.of("LWQUEUE_DB")),
          Map.entry("--db-user", List.of("LWQUEUE_DB_USER")),
          Map.entry("--db-password", List.of("LWQUEUE_DB_PASSWORD")),
          Map.entry("--connection-name", List.of("LWQUEUE_CONNECTION_NAME")),
          Map.entry("--management-url", List.of("LWQUEUE_MANAGEMENT_URL")),
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
    return value(option.longestName());
  }

  /** The value for an option from the environment or {@code .env}, by the rule above; {@code null} when none. */
  String value(String optionName) {
    Env.Level level = levelOf(optionName);
    return level == null ? null : valueAt(optionName, level);
  }

  /** The level an option's value comes from, or {@code null} when neither sets it. */
  Env.Level levelOf(String optionName) {
    for (Env.Level level : Env.Level.values()) {
      if (valueAt(optionName, level) != null) {
        return level;
      }
    }
    return null;
  }

  private String valueAt(String optionName, Env.Level level) {
    for (String variable : VARIABLES.getOrDefault(optionName, List.of())) {
      String value = env.get(variable, level);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
