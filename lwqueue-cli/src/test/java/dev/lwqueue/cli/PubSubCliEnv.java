package dev.lwqueue.cli;

import dev.lwqueue.pubsub.PubSubEmulator;
import java.util.Map;

/**
 * The environment of a user whose .env points lwqueue at the Pub/Sub emulator, for the CLI tests
 * that run lwqueue on Pub/Sub: the settings come from the environment, not from options.
 */
final class PubSubCliEnv {

  private PubSubCliEnv() {}

  /** Backend, emulator host, project and this topic, as environment variables. */
  static Map<String, String> forTopic(String topic) {
    return Map.of(
        "LWQUEUE_BACKEND", "pubsub",
        "PUBSUB_EMULATOR_HOST", PubSubEmulator.host(),
        "GOOGLE_CLOUD_PROJECT", PubSubEmulator.PROJECT,
        "TOPIC_NAME", topic);
  }
}
