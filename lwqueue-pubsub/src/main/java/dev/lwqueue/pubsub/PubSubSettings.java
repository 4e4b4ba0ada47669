package dev.lwqueue.pubsub;

import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how to reach Pub/Sub.
 *
 * @param project the Google Cloud project; may be {@code null} when the key file names one, or
 *     with the emulator (which then uses {@link #EMULATOR_DEFAULT_PROJECT})
 * @param topic the chat room: a topic ID or {@code projects/P/topics/T}
 * @param emulatorHost {@code host:port} of a Pub/Sub emulator, or {@code null} for Google Cloud
 * @param credentialsFile a service-account JSON key, or {@code null} for application default
 *     credentials; ignored with the emulator, which wants none
 * @param connectTimeout how long the first call may take before the endpoint counts as unreachable
 */
public record PubSubSettings(
    String project, String topic, String emulatorHost, Path credentialsFile, Duration connectTimeout,
    String displayName) {

  public static final String DEFAULT_TOPIC = "chat";
  /** Any name does on the emulator; this one lets users who give none meet on the same topic. */
  public static final String EMULATOR_DEFAULT_PROJECT = "lwqueue";

  // Pub/Sub's rule for topic and subscription IDs.
  private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9._~+%-]{2,254}");
  /**
   * Projects have their own rules, checked by the server; this only keeps a name given in full
   * from reaching into another part of a REST path ("..", a slash).
   */
  private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:_-]*");
  private static final Pattern FULL_TOPIC = Pattern.compile("projects/([^/]+)/topics/([^/]+)");
  private static final Pattern FULL_SUBSCRIPTION = Pattern.compile("projects/([^/]+)/subscriptions/([^/]+)");

  public PubSubSettings {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (emulatorHost != null && !emulatorHost.matches(".+:\\d{1,5}")) {
      throw new TransportException(Kind.BAD_CONFIGURATION,
          "emulator host '" + emulatorHost + "' is not HOST:PORT (for example localhost:8085)");
    }
  }

  public static PubSubSettings emulator(String emulatorHost, String project) {
    return new PubSubSettings(project, DEFAULT_TOPIC, emulatorHost, null, Duration.ofSeconds(5), null);
  }

  public static PubSubSettings cloud(String project, Path credentialsFile) {
    return new PubSubSettings(project, DEFAULT_TOPIC, null, credentialsFile, Duration.ofSeconds(5), null);
  }

  public PubSubSettings withTopic(String newTopic) {
    return new PubSubSettings(project, newTopic, emulatorHost, credentialsFile, connectTimeout, displayName);
  }

  public PubSubSettings withConnectTimeout(Duration newConnectTimeout) {
    return new PubSubSettings(project, topic, emulatorHost, credentialsFile, newConnectTimeout, displayName);
  }

  /**
   * The chat name this client goes by: its temporary subscriptions are labelled with it (for
   * {@code who}) and receive the private messages addressed to it.
   */
  public PubSubSettings withDisplayName(String newDisplayName) {
    return new PubSubSettings(project, topic, emulatorHost, credentialsFile, connectTimeout, newDisplayName);
  }

  public boolean usesEmulator() {
    return emulatorHost != null;
  }

  /** The topic's full name; a full name given as the topic wins over the project. */
  TopicPath topicName(String resolvedProject) {
    if (topic.startsWith("projects/")) {
      Matcher full = FULL_TOPIC.matcher(topic);
      if (!full.matches() || !PROJECT_ID.matcher(full.group(1)).matches()) {
        throw badName("topic", topic);
      }
      return new TopicPath(full.group(1), full.group(2));
    }
    requireId("topic", topic);
    return new TopicPath(requireProject(resolvedProject), topic);
  }

  /** A subscription's full name, from an ID in the given project or a full name. */
  static SubscriptionPath subscriptionName(String subscription, String resolvedProject) {
    if (subscription.startsWith("projects/")) {
      Matcher full = FULL_SUBSCRIPTION.matcher(subscription);
      if (!full.matches() || !PROJECT_ID.matcher(full.group(1)).matches()) {
        throw badName("subscription", subscription);
      }
      return new SubscriptionPath(full.group(1), full.group(2));
    }
    requireId("subscription", subscription);
    return new SubscriptionPath(requireProject(resolvedProject), subscription);
  }

  private static String requireProject(String project) {
    if (!PROJECT_ID.matcher(project).matches()) {
      throw new TransportException(Kind.BAD_CONFIGURATION,
          "project name '" + dev.lwqueue.core.TerminalText.sanitize(project) + "' is not valid: letters, digits, "
              + "'-', '.', ':' and '_', starting with a letter or digit");
    }
    return project;
  }

  private static void requireId(String what, String id) {
    if (!RESOURCE_ID.matcher(id).matches() || id.startsWith("goog")) {
      throw badName(what, id);
    }
  }

  private static TransportException badName(String what, String name) {
    return new TransportException(Kind.BAD_CONFIGURATION,
        what + " name '" + dev.lwqueue.core.TerminalText.sanitize(name) + "' is not valid: an ID of 3 to 255 letters, "
            + "digits and - _ . ~ + % starting with a letter (not 'goog'), or projects/PROJECT/"
            + (what.equals("topic") ? "topics" : "subscriptions") + "/ID");
  }

  /** Where this points, for status lines and error messages. */
  String endpoint() {
    return usesEmulator() ? "the Pub/Sub emulator at " + emulatorHost : "Google Cloud Pub/Sub";
  }
}
