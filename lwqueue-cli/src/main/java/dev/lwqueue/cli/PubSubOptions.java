package dev.lwqueue.cli;

import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.pubsub.PubSubSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** How to reach Google Cloud Pub/Sub or its emulator: part of every command's connection options. */
public final class PubSubOptions {

  /** The options that only mean something with {@code --backend pubsub}. */
  static final List<String> NAMES = List.of("--project", "--topic", "--subscription", "--credentials", "--emulator-host");

  @Option(
      names = "--project",
      paramLabel = "ID",
      description = "Pub/Sub: Google Cloud project (env GOOGLE_CLOUD_PROJECT, then PROJECT_ID; default: the key "
          + "file's project, or '" + PubSubSettings.EMULATOR_DEFAULT_PROJECT + "' on the emulator).")
  String project;

  @Option(
      names = "--topic",
      defaultValue = PubSubSettings.DEFAULT_TOPIC,
      paramLabel = "TOPIC",
      description = "Pub/Sub: topic of the chat room, created when missing and allowed "
          + "(default: ${DEFAULT-VALUE}; env TOPIC_NAME).")
  String topic;

  @Option(
      names = "--subscription",
      paramLabel = "NAME",
      description = "Pub/Sub: receive from this subscription, created when missing, instead of a temporary one "
          + "that is deleted on exit. It keeps messages while you are away; processes sharing it split the "
          + "messages between them (env SUBSCRIPTION_NAME).")
  String subscription;

  @Option(
      names = "--credentials",
      paramLabel = "KEY.json",
      description = "Pub/Sub: service-account JSON key (default: env GOOGLE_APPLICATION_CREDENTIALS, else the "
          + "application default credentials of 'gcloud auth application-default login').")
  Path credentials;

  @Option(
      names = "--emulator-host",
      paramLabel = "HOST:PORT",
      description = "Pub/Sub: use the emulator there, without credentials (env PUBSUB_EMULATOR_HOST).")
  String emulatorHost;

  PubSubSettings settings(Duration connectTimeout) {
    return new PubSubSettings(project, topic, emulatorHost, credentials, connectTimeout, null);
  }

  /** A named subscription when one is given, else a temporary one. */
  SubscribeOptions subscribeOptions() {
    return subscription == null ? SubscribeOptions.temporary() : SubscribeOptions.named(subscription);
  }
}
