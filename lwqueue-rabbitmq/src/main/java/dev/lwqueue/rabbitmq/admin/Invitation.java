package dev.lwqueue.rabbitmq.admin;

/**
 * A new member's account, as {@code room add-member} created it. The password exists only here:
 * the broker keeps a hash.
 *
 * @param amqpUri where the member connects, without the password ({@code amqp://NAME@HOST:5672/vhost})
 */
public record Invitation(
    String account, RoomRole role, String password, String amqpUri, String vhost, String exchange,
    RoomPermissions permissions) {

  /** Never print a record holding a password with the default toString. */
  @Override
  public String toString() {
    return "Invitation[" + account + ", " + role.label() + ", " + amqpUri + "]";
  }
}
