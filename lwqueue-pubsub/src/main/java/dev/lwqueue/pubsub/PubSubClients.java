package dev.lwqueue.pubsub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * What one transport shares: the endpoint's REST client, the resolved project, and the Pub/Sub
 * calls lwqueue makes, each with the timeout and retries it needs. For the emulator (Google's
 * Java clients do not read {@code PUBSUB_EMULATOR_HOST} by themselves, nor does lwqueue) it is
 * plaintext without credentials, as the emulator expects; for Google Cloud, HTTPS with Google's
 * credentials, whose library is loaded only then.
 */
final class PubSubClients implements AutoCloseable {

  /** Admin calls (create, delete, get) on Google Cloud take a second or two; give them room. */
  static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  /** What Google's clients retry on admin calls and acknowledgements. */
  private static final Set<RpcCode> ADMIN_RETRY = Set.of(RpcCode.UNAVAILABLE);

  final PubSubSettings settings;
  final String project;
  final PubSubRest rest;

  private PubSubClients(PubSubSettings settings, String project, PubSubRest rest) {
    this.settings = settings;
    this.project = project;
    this.rest = rest;
  }

  /** Loads credentials and builds the client; nothing goes over the network yet. */
  static PubSubClients open(PubSubSettings settings) {
    return open(settings, PubSubRest.GOOGLE_ENDPOINT, null);
  }

  /**
   * The same with another endpoint for Google Cloud ({@code https://HOST[:PORT]/}) and its TLS
   * context ({@code null} for the JDK's): for tests, which cannot reach Google.
   */
  static PubSubClients open(PubSubSettings settings, URI googleEndpoint, SSLContext tls) {
    if (settings.usesEmulator()) {
      String project = settings.project() != null ? settings.project() : PubSubSettings.EMULATOR_DEFAULT_PROJECT;
      return new PubSubClients(settings, project, PubSubRest.emulator(settings.emulatorHost(), settings.connectTimeout()));
    }
    GoogleAuth auth = GoogleAuth.load(settings.credentialsFile());
    String project = settings.project() != null ? settings.project() : auth.keyProject();
    if (project == null || project.isBlank()) {
      throw new TransportException(Kind.BAD_CONFIGURATION,
          "no Google Cloud project: give --project or set GOOGLE_CLOUD_PROJECT (or PROJECT_ID)");
    }
    return new PubSubClients(settings, project, PubSubRest.https(googleEndpoint, tls, auth, settings.connectTimeout()));
  }

  static ObjectNode object() {
    return PubSubRest.JSON.createObjectNode();
  }

  // Topics.

  /** Looks a topic up, once, within {@code timeout}: also the proof that the endpoint answers. */
  JsonNode getTopic(TopicPath topic, Duration timeout) {
    return rest.call("GET", topic.restPath(), null, timeout);
  }

  void createTopic(TopicPath topic) {
    rest.call("PUT", topic.restPath(), object(), ADMIN_TIMEOUT, ADMIN_RETRY);
  }

  void deleteTopic(TopicPath topic) {
    rest.call("DELETE", topic.restPath(), null, ADMIN_TIMEOUT, ADMIN_RETRY);
  }

  /** The full names of a topic's subscriptions, every page of them ({@code limit} at most). */
  List<String> topicSubscriptions(TopicPath topic, int limit) {
    List<String> names = new ArrayList<>();
    String pageToken = "";
    do {
      String query = pageToken.isEmpty() ? "" : "?pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8);
      JsonNode page = rest.call("GET", topic.restPath() + "/subscriptions" + query, null, ADMIN_TIMEOUT, ADMIN_RETRY);
      for (JsonNode name : page.path("subscriptions")) {
        if (names.size() < limit) {
          names.add(name.asText());
        }
      }
      pageToken = page.path("nextPageToken").asText("");
    } while (!pageToken.isEmpty() && names.size() < limit);
    return names;
  }

  /**
   * Publishes a batch in one request, once, within {@code timeout}.
   *
   * @param messages Pub/Sub's message objects: {@code data} (base64), {@code attributes}, {@code orderingKey}
   * @return the message IDs, in the order of the messages
   */
  List<String> publish(TopicPath topic, ArrayNode messages, Duration timeout) {
    ObjectNode request = object();
    request.set("messages", messages);
    JsonNode reply = rest.call("POST", topic.restPath() + ":publish", request, timeout);
    List<String> ids = new ArrayList<>(messages.size());
    reply.path("messageIds").forEach(id -> ids.add(id.asText()));
    if (ids.size() != messages.size()) {
      throw new PubSubCallException(RpcCode.INTERNAL,
          "Pub/Sub confirmed " + ids.size() + " of " + messages.size() + " messages", null);
    }
    return ids;
  }

  // Subscriptions.

  JsonNode getSubscription(SubscriptionPath subscription) {
    return rest.call("GET", subscription.restPath(), null, ADMIN_TIMEOUT, ADMIN_RETRY);
  }

  JsonNode getSubscription(String fullName) {
    return rest.call("GET", restPathOf(fullName), null, ADMIN_TIMEOUT, ADMIN_RETRY);
  }

  /** @param config Pub/Sub's subscription object: {@code topic}, and whatever else it should have */
  void createSubscription(SubscriptionPath subscription, ObjectNode config) {
    rest.call("PUT", subscription.restPath(), config, ADMIN_TIMEOUT, ADMIN_RETRY);
  }

  void deleteSubscription(SubscriptionPath subscription, Duration timeout) {
    rest.call("DELETE", subscription.restPath(), null, timeout, ADMIN_RETRY);
  }

  /**
   * One long-polling pull: Pub/Sub answers when messages are there, or empty after about
   * {@code wait}. Never retried here: the pullers' loops are the retry.
   */
  CompletableFuture<List<ReceivedMessage>> pull(SubscriptionPath subscription, int maxMessages, Duration wait) {
    ObjectNode request = object().put("maxMessages", maxMessages);
    // The client waits longer than the server: see PubSubRest.callAsync.
    CompletableFuture<JsonNode> reply =
        rest.callAsync("POST", subscription.restPath() + ":pull", request, wait, wait.plusSeconds(10));
    return PubSubRest.cancelsUpstream(reply, reply.thenApply(ReceivedMessage::listOf));
  }

  void acknowledge(SubscriptionPath subscription, List<String> ackIds) {
    ObjectNode request = withAckIds(object(), ackIds);
    rest.call("POST", subscription.restPath() + ":acknowledge", request, ADMIN_TIMEOUT, ADMIN_RETRY);
  }

  void modifyAckDeadline(SubscriptionPath subscription, List<String> ackIds, int seconds) {
    ObjectNode request = withAckIds(object().put("ackDeadlineSeconds", seconds), ackIds);
    rest.call("POST", subscription.restPath() + ":modifyAckDeadline", request, ADMIN_TIMEOUT, ADMIN_RETRY);
  }

  private static ObjectNode withAckIds(ObjectNode request, List<String> ackIds) {
    ArrayNode ids = request.putArray("ackIds");
    ackIds.forEach(ids::add);
    return request;
  }

  /** A full name Pub/Sub gave us, as a REST path with each of its parts encoded. */
  private static String restPathOf(String fullName) {
    StringBuilder path = new StringBuilder();
    for (String part : fullName.split("/", -1)) {
      path.append(path.length() == 0 ? "" : "/").append(PubSubRest.segment(part));
    }
    return path.toString();
  }

  @Override
  public void close() {
    rest.close();
  }
}
