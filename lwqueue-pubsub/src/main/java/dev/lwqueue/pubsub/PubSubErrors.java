package dev.lwqueue.pubsub;

import dev.lwqueue.core.TerminalText;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import java.util.concurrent.CancellationException;

/**
 * Turns failed calls into one-line {@link TransportException}s a user can act on, by the reply's
 * code (never its text), with the server's own words made safe for a terminal.
 */
final class PubSubErrors {

  private PubSubErrors() {}

  /**
   * @param what what lwqueue was doing, completing "cannot ...", for example "create topic 'chat'"
   */
  static TransportException of(Throwable error, String what, PubSubSettings settings) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TransportException te) {
        return te;
      }
    }
    PubSubCallException call = find(error, PubSubCallException.class);
    if (call != null) {
      return fromCode(call.code(), call, what, settings, error);
    }
    if (find(error, CancellationException.class) != null) {
      return new TransportException(Kind.NOT_CONFIRMED,
          "cannot " + what + ": an earlier message of this sender failed, so this one was not sent "
              + "(its order could not be kept)", error);
    }
    return new TransportException(Kind.BROKER_ERROR,
        "cannot " + what + ": " + oneLine(String.valueOf(error.getMessage())), error);
  }

  private static TransportException fromCode(
      RpcCode code, PubSubCallException call, String what, PubSubSettings settings, Throwable error) {
    String reason = oneLine(call.getMessage());
    return switch (code) {
      case UNAVAILABLE -> new TransportException(Kind.UNREACHABLE,
          "cannot reach " + settings.endpoint() + " to " + what + " (" + reason + "): "
              + (settings.usesEmulator()
                  ? "is the emulator running on that port? ('docker compose up pubsub', or "
                      + "'gcloud beta emulators pubsub start --host-port=" + settings.emulatorHost() + "')"
                  : "check the network and proxy settings"),
          error);
      case DEADLINE_EXCEEDED -> new TransportException(Kind.UNREACHABLE,
          "no answer from " + settings.endpoint() + " within the timeout while trying to " + what
              + ": is it really a Pub/Sub endpoint, and not firewalled?",
          error);
      case NOT_FOUND -> new TransportException(Kind.NOT_FOUND, "cannot " + what + ": not found (" + reason + ")", error);
      case PERMISSION_DENIED -> new TransportException(Kind.ACCESS_REFUSED,
          "permission denied: these credentials may not " + what + " (" + reason + ")", error);
      case UNAUTHENTICATED -> new TransportException(Kind.AUTHENTICATION_FAILED,
          "Google rejected the credentials while trying to " + what + " (" + reason
              + "): is the key file current and its service account enabled?",
          error);
      case INVALID_ARGUMENT -> new TransportException(Kind.BAD_CONFIGURATION,
          "cannot " + what + ": the request is invalid (" + reason + ")", error);
      case ALREADY_EXISTS -> new TransportException(Kind.TOPOLOGY_MISMATCH,
          "cannot " + what + ": it already exists (" + reason + ")", error);
      case FAILED_PRECONDITION -> new TransportException(Kind.TOPOLOGY_MISMATCH,
          "cannot " + what + ": " + reason, error);
      case RESOURCE_EXHAUSTED -> new TransportException(Kind.BROKER_ERROR,
          "cannot " + what + ": quota or flow-control limit reached (" + reason + ")", error);
      case CANCELLED -> new TransportException(Kind.CLOSED, "cannot " + what + ": the call was cancelled", error);
      default -> new TransportException(Kind.BROKER_ERROR,
          "cannot " + what + ": Pub/Sub said " + code + " (" + reason + ")", error);
    };
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** Remote text (a status description, an exception message) as one terminal-safe line. */
  static String oneLine(String text) {
    return TerminalText.remote(text);
  }
}
