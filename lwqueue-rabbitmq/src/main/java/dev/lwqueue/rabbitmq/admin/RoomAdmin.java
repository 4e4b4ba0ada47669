package dev.lwqueue.rabbitmq.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Administers one room (a virtual host and its exchange) through the management API, as the person
 * hosting it: invites members with the permissions of their role, removes them, lists them.
 */
public final class RoomAdmin {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ManagementApi api;
  private final RabbitMqSettings room;

  /** @param room the host's connection settings: virtual host, exchange and the host name members use */
  public RoomAdmin(ManagementApi api, RabbitMqSettings room) {
    this.api = api;
    this.room = room;
  }

  private String vhostPath() {
    return ManagementApi.segment(room.virtualHost());
  }

  /**
   * Creates {@code account} with a generated password and the permissions of {@code role}, and
   * makes sure the room's exchanges exist, since a member may not declare them.
   */
  public Invitation addMember(String account, RoomRole role) {
    RoomPermissions permissions = permissionsOf(account, role);
    requireVhost();
    String user = "/api/users/" + ManagementApi.segment(account);
    if (api.exists(user)) {
      throw new TransportException(Kind.ALREADY_EXISTS, "account '" + account + "' already exists on "
          + room.host() + ": pick another name, or remove it first with room remove-member " + account);
    }
    open();
    String password = generatePassword();
    api.put(user, Map.of("password", password, "tags", role.tag()));
    api.put("/api/permissions/" + vhostPath() + "/" + ManagementApi.segment(account), Map.of(
        "configure", permissions.configure(), "write", permissions.write(), "read", permissions.read()));
    api.put("/api/topic-permissions/" + vhostPath() + "/" + ManagementApi.segment(account), Map.of(
        "exchange", permissions.topicExchange(), "write", permissions.topicWrite(), "read", permissions.topicRead()));
    return new Invitation(account, role, password, memberUri(account), room.virtualHost(), room.exchange(), permissions);
  }

  /** The permissions {@code account} would get, for {@code --print-commands}; touches no broker. */
  public RoomPermissions permissionsOf(String account, RoomRole role) {
    return RoomPermissions.of(role, account, room.exchange(), room.privateExchange());
  }

  /** A password for a new account: 144 random bits, URL-safe so it pastes anywhere. */
  public static String generatePassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Declares the room's exchange (fanout) and the private messages' exchange (topic), neither
   * durable, like the original's room: after a broker restart this is what brings the room back.
   * Declaring what exists with the same properties changes nothing.
   */
  public void open() {
    declareExchange(room.exchange(), "fanout");
    declareExchange(room.privateExchange(), "topic");
  }

  private void declareExchange(String name, String type) {
    try {
      api.put("/api/exchanges/" + vhostPath() + "/" + ManagementApi.segment(name),
          Map.of("type", type, "durable", false, "auto_delete", false, "internal", false, "arguments", Map.of()));
    } catch (TransportException e) {
      if (e.kind() == Kind.BROKER_ERROR && e.getMessage().contains("inequivalent")) {
        throw new TransportException(Kind.TOPOLOGY_MISMATCH, "exchange '" + name + "' already exists with other "
            + "properties than a room's (" + type + ", not durable, not auto-delete): " + e.getMessage(), e);
      }
      throw e;
    }
  }

  /** Deletes the account and closes its open connections; returns how many it had open. */
  public int removeMember(String account) {
    RoomPermissions.requireAccount(account);
    // Listed first: depending on the version, deleting a user may end its connections or leave them
    // open, and a removed member must not stay in the room either way.
    List<String> open = new ArrayList<>();
    for (JsonNode connection : api.get("/api/connections?columns=name,user")) {
      if (account.equals(connection.path("user").asText())) {
        open.add(connection.path("name").asText());
      }
    }
    try {
      api.delete("/api/users/" + ManagementApi.segment(account), null);
    } catch (TransportException e) {
      if (e.kind() == Kind.NOT_FOUND) {
        throw new TransportException(Kind.NOT_FOUND, "there is no account '" + account + "' on " + room.host(), e);
      }
      throw e;
    }
    for (String name : open) {
      try {
        api.delete("/api/connections/" + ManagementApi.segment(name), "removed from the room by its host");
      } catch (TransportException e) {
        // Deleting the user may have ended it meanwhile (the API then answers 404, or 500 when the
        // connection died during the request): only one still open is a failure.
        if (e.kind() != Kind.NOT_FOUND && api.exists("/api/connections/" + ManagementApi.segment(name))) {
          throw e;
        }
      }
    }
    return open.size();
  }

  /** The accounts that may use the room's virtual host, with their role and whether they are online. */
  public List<Member> members() {
    requireVhost();
    Map<String, RoomRole> roles = new HashMap<>();
    for (JsonNode user : api.get("/api/users")) {
      for (JsonNode tag : tagsOf(user)) {
        RoomRole role = RoomRole.ofTag(tag.asText());
        if (role != null) {
          roles.put(user.path("name").asText(), role);
        }
      }
    }
    Map<String, Integer> connections = new HashMap<>();
    for (JsonNode connection : api.get("/api/vhosts/" + vhostPath() + "/connections?columns=user")) {
      connections.merge(connection.path("user").asText(), 1, Integer::sum);
    }
    List<Member> members = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode permission : api.get("/api/vhosts/" + vhostPath() + "/permissions")) {
      String account = permission.path("user").asText();
      if (seen.add(account)) {
        members.add(new Member(account, roles.get(account), connections.getOrDefault(account, 0)));
      }
    }
    members.sort((a, b) -> a.account().compareTo(b.account()));
    return members;
  }

  /** Tags are a list since RabbitMQ 3.9, a comma-separated string before. */
  private static Iterable<JsonNode> tagsOf(JsonNode user) {
    JsonNode tags = user.path("tags");
    if (tags.isArray()) {
      return tags;
    }
    List<JsonNode> split = new ArrayList<>();
    for (String tag : tags.asText("").split(",")) {
      split.add(com.fasterxml.jackson.databind.node.TextNode.valueOf(tag.trim()));
    }
    return split;
  }

  private void requireVhost() {
    if (!api.exists("/api/vhosts/" + vhostPath())) {
      throw new TransportException(Kind.VHOST_NOT_FOUND,
          "virtual host '" + room.virtualHost() + "' does not exist on " + room.host());
    }
  }

  private String memberUri(String account) {
    String vhost = "/".equals(room.virtualHost()) ? "" : ManagementApi.segment(room.virtualHost());
    return (room.tls() ? "amqps" : "amqp") + "://" + account + "@" + room.host() + ":" + room.port() + "/" + vhost;
  }
}
