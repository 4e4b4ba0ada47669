package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns what amqp-client throws into one-line {@link TransportException}s a user can act on. */
final class RabbitErrors {

  private RabbitErrors() {}

  static TransportException onConnect(Throwable error, RabbitMqSettings settings) {
    String where = settings.maskedUri();
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TransportException te) {
        return te;
      }
      if (t instanceof AuthenticationFailureException || t instanceof PossibleAuthenticationFailureException) {
        return new TransportException(Kind.AUTHENTICATION_FAILED,
            "authentication failed for user '" + settings.username() + "' at " + where
                + ": check the user name and password", error);
      }
      if (t instanceof SSLException) {
        return new TransportException(Kind.TLS_FAILED,
            "TLS handshake with " + settings.host() + ":" + settings.port() + " failed: " + oneLine(t.getMessage()), error);
      }
      if (t instanceof UnknownHostException) {
        return new TransportException(Kind.UNREACHABLE, "unknown host '" + settings.host() + "'", error);
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return new TransportException(Kind.UNREACHABLE,
            "cannot reach RabbitMQ at " + settings.host() + ":" + settings.port()
                + " (" + oneLine(t.getMessage()) + "): is the broker running and the port right?", error);
      }
      if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
        return new TransportException(Kind.UNREACHABLE,
            "no answer from " + settings.host() + ":" + settings.port() + " within "
                + settings.connectTimeout().toSeconds() + " s: is it a RabbitMQ port, and not firewalled?", error);
      }
      if (t instanceof ShutdownSignalException sse) {
        return fromShutdown(sse, settings, error);
      }
      if (t instanceof EOFException) {
        return new TransportException(Kind.UNREACHABLE,
            "the server at " + settings.host() + ":" + settings.port()
                + " closed the connection during the handshake: is it an AMQP port (TLS on a plain port?)", error);
      }
    }
    return new TransportException(Kind.BROKER_ERROR,
        "cannot connect to " + where + ": " + oneLine(String.valueOf(error.getMessage())), error);
  }

  private static TransportException fromShutdown(ShutdownSignalException sse, RabbitMqSettings settings, Throwable error) {
    String reason = oneLine(String.valueOf(sse.getMessage()));
    String upper = reason.toUpperCase();
    if (upper.contains("NOT_ALLOWED") && reason.contains("vhost") && reason.contains("not found")) {
      return new TransportException(Kind.VHOST_NOT_FOUND,
          "virtual host '" + settings.virtualHost() + "' does not exist on " + settings.host(), error);
    }
    if (upper.contains("NOT_ALLOWED") || upper.contains("ACCESS_REFUSED") || upper.contains("ACCESS-REFUSED")) {
      return new TransportException(Kind.ACCESS_REFUSED,
          "access refused to user '" + settings.username() + "': " + replyText(sse), error);
    }
    return new TransportException(Kind.BROKER_ERROR, "RabbitMQ closed the connection: " + replyText(sse), error);
  }

  /** For errors on a channel operation (declare, bind, consume). */
  static TransportException onChannel(Throwable error, String what, RabbitMqSettings settings) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TransportException te) {
        return te;
      }
      if (t instanceof ShutdownSignalException sse) {
        String reply = replyText(sse);
        String upper = reply.toUpperCase();
        if (upper.contains("PRECONDITION_FAILED") && what.startsWith("declare exchange")) {
          return new TransportException(Kind.TOPOLOGY_MISMATCH,
              "exchange '" + settings.exchange() + "' already exists with other properties than lwqueue and the "
                  + "Python clients declare (fanout, not durable, not auto-delete): " + reply, error);
        }
        if (upper.contains("ACCESS_REFUSED")) {
          return new TransportException(Kind.ACCESS_REFUSED,
              "user '" + settings.username() + "' may not " + what + ": " + reply, error);
        }
        if (upper.contains("NOT_FOUND")) {
          return new TransportException(Kind.NOT_FOUND, "cannot " + what + ": " + reply, error);
        }
        if (upper.contains("RESOURCE_LOCKED")) {
          return new TransportException(Kind.ACCESS_REFUSED,
              "cannot " + what + ": another connection holds it exclusively (" + reply + ")", error);
        }
        return new TransportException(Kind.BROKER_ERROR, "cannot " + what + ": " + reply, error);
      }
    }
    return new TransportException(Kind.BROKER_ERROR, "cannot " + what + ": " + oneLine(String.valueOf(error.getMessage())), error);
  }

  private static String replyText(ShutdownSignalException sse) {
    Object reason = sse.getReason();
    if (reason instanceof com.rabbitmq.client.AMQP.Connection.Close close) {
      return oneLine(close.getReplyText());
    }
    if (reason instanceof com.rabbitmq.client.AMQP.Channel.Close close) {
      return oneLine(close.getReplyText());
    }
    return oneLine(String.valueOf(sse.getMessage()));
  }

  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }
}
