package dev.lwqueue.pubsub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lwqueue.core.Capabilities;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.PortableTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** Opens the chat on Google Cloud Pub/Sub: the portable transport over a {@link PubSubDriver}. */
public final class PubSubTransport {

  /**
   * Pub/Sub takes up to 10 MB per message; keep room for the attributes, the ordering key and
   * the request's framing, which count against the same limit.
   */
  public static final int MAX_MESSAGE_BYTES = 10_000_000 - 8_192;

  /**
   * Pub/Sub cannot say whether a message reached anybody. Publisher order holds on subscriptions
   * with message ordering enabled, which lwqueue turns on for every subscription it creates.
   */
  public static final Capabilities CAPABILITIES = new Capabilities(false, true, true, MAX_MESSAGE_BYTES);

  private PubSubTransport() {}

  /**
   * Loads and initialises what {@link #connect} and a first publish need, the slowest part of a
   * one-shot command on Pub/Sub: the JDK's HTTP client (built, and one request sent to a closed
   * port on this machine, which loads its exchange and connection classes and fails at once) and
   * the JSON of a publish and its reply. Nothing reaches a server, and the JDK's TLS is not set
   * up: a run on the emulator never needs it. For a caller with a spare core while it does
   * something else (the CLI, while it parses its command line); safe from any thread, any number
   * of times.
   */
  public static void preload() {
    PubSubRest rest = PubSubRest.emulator("127.0.0.1:1", Duration.ofSeconds(1));
    try {
      TopicPath topic = new TopicPath("preload", "preload");
      ObjectNode message = PubSubDriver.message("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
          Map.of("preload", "preload")).put("orderingKey", "preload");
      ArrayNode messages = PubSubRest.JSON.createArrayNode().add(message);
      ObjectNode request = PubSubClients.object();
      request.set("messages", messages);
      rest.call("POST", topic.restPath() + ":publish", request, Duration.ofSeconds(1));
    } catch (PubSubCallException expected) {
      // Nobody listens there: the request's way out is loaded, which is what this was for.
    } finally {
      rest.close();
    }
    try {
      JsonNode reply = PubSubRest.JSON.readTree("{\"messageIds\": [\"1\"]}");
      reply.path("messageIds").forEach(JsonNode::asText);
    } catch (IOException e) {
      throw new IllegalStateException("Jackson cannot read its own JSON", e);
    }
  }

  /**
   * Connects, checks the topic and creates it when it is missing and the credentials allow it.
   * Fails within about the connect timeout with a one-line {@link dev.lwqueue.core.TransportException}.
   */
  public static ChatTransport connect(PubSubSettings settings) {
    return PortableTransport.open(events -> PubSubDriver.connect(settings, events));
  }
}
