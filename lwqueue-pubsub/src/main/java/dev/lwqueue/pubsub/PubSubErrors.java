package dev.lwqueue.pubsub;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import dev.lwqueue.core.PortableTransport;
import dev.lwqueue.core.TerminalText;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CancellationException;

/** Turns what the Google client throws into one-line {@link TransportException}s a user can act on. */
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
    ApiException api = find(error, ApiException.class);
    if (api != null) {
      return fromCode(api.getStatusCode().getCode(), api, what, settings, error);
    }
    StatusRuntimeException grpc = find(error, StatusRuntimeException.class);
    if (grpc != null) {
      return fromCode(
          StatusCode.Code.valueOf(grpc.getStatus().getCode().name()), grpc, what, settings, error);
    }
    if (find(error, IllegalStateException.class) != null
        && String.valueOf(find(error, IllegalStateException.class).getMessage()).contains("shut-down")) {
      return PortableTransport.closedException();
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
      StatusCode.Code code, Throwable api, String what, PubSubSettings settings, Throwable error) {
    String reason = reason(api);
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

  /** The server's explanation without the status code prefix gRPC puts in front of it. */
  private static String reason(Throwable api) {
    Throwable t = api;
    StatusRuntimeException grpc = find(api, StatusRuntimeException.class);
    if (grpc != null) {
      String description = grpc.getStatus().getDescription();
      Throwable cause = grpc.getStatus().getCause();
      // gRPC's own failures say just "io exception"; the network error underneath says more.
      if (cause != null && (description == null || description.isBlank() || "io exception".equals(description))) {
        t = cause;
      } else if (description != null && !description.isBlank()) {
        return oneLine(description);
      }
    }
    if (t instanceof java.net.ConnectException) {
      return "connection refused";
    }
    if (t instanceof java.net.UnknownHostException) {
      return "unknown host";
    }
    return oneLine(String.valueOf(t.getMessage())).replaceFirst("^[a-zA-Z.]*Exception: ", "").replaceFirst("^[A-Z_]+: ", "");
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
