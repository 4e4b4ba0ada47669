package dev.lwqueue.pubsub;

/**
 * A Pub/Sub call that failed: refused by the server (its code and message from the error reply),
 * or never answered (the network's failure as {@link RpcCode#UNAVAILABLE}, no reply within the
 * request's timeout as {@link RpcCode#DEADLINE_EXCEEDED}). The message is the server's or the
 * network's text as it came: {@link PubSubErrors} makes it safe for a terminal.
 */
final class PubSubCallException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final RpcCode code;

  PubSubCallException(RpcCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  RpcCode code() {
    return code;
  }
}
