package dev.lwqueue.rabbitmq;

/**
 * What lwqueue announces about itself in a connection's client properties, which the management
 * API shows to whoever looks at the room: {@code lwqueue who} reads them back.
 */
public final class ClientProperties {

  /** Present on every lwqueue connection, with lwqueue's version (or "dev"). */
  public static final String LWQUEUE = "lwqueue";
  /** The chat name the user goes by in the room, when the command has one. */
  public static final String DISPLAY_NAME = "lwqueue_username";

  private ClientProperties() {}
}
