package dev.lwqueue.rabbitmq.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lwqueue.core.Participant;
import dev.lwqueue.core.Presence;
import dev.lwqueue.rabbitmq.ClientProperties;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is in a room now, from the management API: every consumer of a queue bound to the room's
 * exchange (or to the private one), with its connection's account, announced chat name, client
 * program, connection time and address. The API shows other accounts' connections only to the
 * host's kind of account (administrator, monitoring); a member sees only its own.
 */
public final class RoomPresence implements Presence {

  private final ManagementApi api;
  private final RabbitMqSettings room;

  public RoomPresence(ManagementApi api, RabbitMqSettings room) {
    this.api = api;
    this.room = room;
  }

  @Override
  public List<Participant> who() {
    String vhost = ManagementApi.segment(room.virtualHost());
    Set<String> queues = new HashSet<>(boundQueues(vhost, room.exchange()));
    Map<String, JsonNode> connections = new HashMap<>();
    for (JsonNode c : api.get("/api/vhosts/" + vhost
        + "/connections?columns=name,user,client_properties,connected_at,peer_host,peer_port")) {
      connections.put(c.path("name").asText(), c);
    }
    List<Participant> participants = new ArrayList<>();
    for (JsonNode consumer : api.get("/api/consumers/" + vhost)) {
      String queue = consumer.path("queue").path("name").asText();
      if (!queues.contains(queue)) {
        continue;
      }
      JsonNode channel = consumer.path("channel_details");
      JsonNode connection = connections.get(channel.path("connection_name").asText());
      JsonNode properties = connection == null ? null : connection.path("client_properties");
      String from = channel.path("peer_host").asText("") + ":" + channel.path("peer_port").asText("");
      Instant since = connection == null || !connection.path("connected_at").isNumber()
          ? null : Instant.ofEpochMilli(connection.path("connected_at").asLong());
      String displayName = properties == null ? null : properties.path(ClientProperties.DISPLAY_NAME).asText(null);
      participants.add(new Participant(channel.path("user").asText(null), displayName, clientOf(properties), since,
          from, queue));
    }
    participants.sort(Comparator.comparing((Participant p) -> String.valueOf(p.account()))
        .thenComparing(p -> String.valueOf(p.displayName())));
    return participants;
  }

  private List<String> boundQueues(String vhost, String exchange) {
    List<String> queues = new ArrayList<>();
    try {
      for (JsonNode binding : api.get("/api/exchanges/" + vhost + "/" + ManagementApi.segment(exchange)
          + "/bindings/source")) {
        if ("queue".equals(binding.path("destination_type").asText())) {
          queues.add(binding.path("destination").asText());
        }
      }
    } catch (dev.lwqueue.core.TransportException e) {
      if (e.kind() != dev.lwqueue.core.TransportException.Kind.NOT_FOUND) {
        throw e;
      }
      // No exchange, nobody in the room (after a broker restart, until the room is opened again).
    }
    return queues;
  }

  /** lwqueue, the original Python client (pika), or whatever product the client names. */
  static String clientOf(JsonNode properties) {
    if (properties == null || properties.isMissingNode()) {
      return "unknown";
    }
    if (properties.has(ClientProperties.LWQUEUE)) {
      return "lwqueue";
    }
    String product = properties.path("product").asText("");
    if (product.toLowerCase(java.util.Locale.ROOT).contains("pika")) {
      return "python (pika)";
    }
    String version = properties.path("version").asText("");
    return product.isEmpty() ? "unknown" : (product + (version.isEmpty() ? "" : " " + version));
  }
}
