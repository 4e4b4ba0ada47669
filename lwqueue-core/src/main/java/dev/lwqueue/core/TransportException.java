package dev.lwqueue.core;

import java.util.Objects;

/**
 * A failure a user can act on, with a one-line message fit to print as it is. The {@link Kind}
 * tells the CLI which exit code to use; the message never contains a password, and is
 * terminal-safe whatever remote text (a close reason, a status) it quotes.
 */
public class TransportException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public enum Kind {
    AUTHENTICATION_FAILED,
    ACCESS_REFUSED,
    VHOST_NOT_FOUND,
    UNREACHABLE,
    TLS_FAILED,
    /** The exchange, topic or subscription exists with properties other than ours. */
    TOPOLOGY_MISMATCH,
    /** A project, topic or subscription that must exist does not. */
    NOT_FOUND,
    /** Bad connection settings: a malformed URI, an unreadable key file. */
    BAD_CONFIGURATION,
    /** The broker never confirmed the message in time (the connection may have dropped): it may be lost. */
    NOT_CONFIRMED,
    /**
     * The broker answered that it will not take the message (a RabbitMQ nack): not delivered, and
     * sending it again would not help.
     */
    REFUSED,
    /** The message is larger than the backend accepts. */
    MESSAGE_TOO_LARGE,
    /** The transport or subscription was closed, by the caller or for good by the broker. */
    CLOSED,
    /** Something to be created exists already (an account). */
    ALREADY_EXISTS,
    /** Anything else the broker or client library reported. */
    BROKER_ERROR
  }

  private final Kind kind;

  public TransportException(Kind kind, String message) {
    this(kind, message, null);
  }

  public TransportException(Kind kind, String message, Throwable cause) {
    super(TerminalText.sanitize(message), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
