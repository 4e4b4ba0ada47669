package dev.lwqueue.rabbitmq.admin;

import java.util.Locale;

/**
 * What a room member may do. Each role is a set of RabbitMQ permissions ({@link RoomPermissions}),
 * never more than it needs: the broker, not lwqueue, enforces them.
 */
public enum RoomRole {
  /** Send, receive (temporary queues and named ones starting with {@code ACCOUNT.}), private messages. */
  MEMBER("send, receive and private messages"),
  /** Send only: what the original exercise asked for. */
  SENDER("send only"),
  /** Receive only, private messages included. */
  READER("receive only"),
  /**
   * A member who may also declare the room's exchange, as the original Python client does on every
   * start; RabbitMQ ties that to configure permission, which also allows deleting the room.
   */
  PYTHON("send and receive with the original Python client; may also delete the room");

  private final String summary;

  RoomRole(String summary) {
    this.summary = summary;
  }

  public String summary() {
    return summary;
  }

  /** The lower-case name the command line and the JSON use. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The user tag that records the role on the broker, so {@code room members} can list it. */
  public String tag() {
    return "lwqueue-" + label();
  }

  /** The role a user tag names, or null for a tag that names none. */
  public static RoomRole ofTag(String tag) {
    for (RoomRole role : values()) {
      if (role.tag().equals(tag)) {
        return role;
      }
    }
    return null;
  }
}
