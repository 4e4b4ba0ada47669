package dev.lwqueue.rabbitmq.admin;

/**
 * An account of the room, as {@code room members} lists it.
 *
 * @param role the role lwqueue gave it, or null for an account lwqueue did not create
 * @param connections how many connections it has open in the room's virtual host now
 */
public record Member(String account, RoomRole role, int connections) {

  public boolean online() {
    return connections > 0;
  }
}
