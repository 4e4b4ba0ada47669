package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import dev.lwqueue.core.TerminalText;
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
    String where = settings.host() + ":" + settings.port();
    // The network-level cause says most, wherever it sits in the chain; AMQP-level reasons next.
    Throwable t;
    if ((t = find(error, TransportException.class)) != null) {
      return (TransportException) t;
    }
    if (find(error, AuthenticationFailureException.class) != null
        || find(error, PossibleAuthenticationFailureException.class) != null) {
      return new TransportException(Kind.AUTHENTICATION_FAILED,
          "authentication failed for user '" + settings.username() + "' at " + settings.maskedUri()
              + ": check the user name and password", error);
    }
    if ((t = find(error, SSLException.class)) != null) {
      String detail = oneLine(t.getMessage());
      String hint = detail.contains("Unsupported or unrecognized SSL message")
          ? " (this port does not speak TLS; RabbitMQ's TLS port is usually " + RabbitMqSettings.DEFAULT_TLS_PORT + ")"
          : detail.contains("PKIX") || detail.contains("certification path")
              ? " (the server certificate is not signed by a trusted authority: give its CA with --ca-file)"
              : detail.contains("No subject alternative") || detail.contains("doesn't match")
                  ? " (the certificate is for another host name than '" + settings.host() + "')"
                  : "";
      return new TransportException(Kind.TLS_FAILED, "TLS handshake with " + where + " failed: " + detail + hint, error);
    }
    if (find(error, UnknownHostException.class) != null) {
      return new TransportException(Kind.UNREACHABLE, "unknown host '" + settings.host() + "'", error);
    }
    if ((t = find(error, ConnectException.class)) != null || (t = find(error, NoRouteToHostException.class)) != null) {
      return new TransportException(Kind.UNREACHABLE,
          "cannot reach RabbitMQ at " + where + " (" + oneLine(t.getMessage())
              + "): is the broker running and the port right?", error);
    }
    if (find(error, SocketTimeoutException.class) != null || find(error, TimeoutException.class) != null) {
      return new TransportException(Kind.UNREACHABLE,
          "no answer from " + where + " within " + settings.connectTimeout().toSeconds()
              + " s: is it a RabbitMQ port, and not firewalled?", error);
    }
    if ((t = find(error, ShutdownSignalException.class)) != null) {
      return fromShutdown((ShutdownSignalException) t, settings, error);
    }
    if (settings.tls() && (find(error, java.net.SocketException.class) != null || find(error, EOFException.class) != null)) {
      // With TLS 1.3 a server that rejects the client's certificate (or wants one and got none)
      // says so only by closing the connection right after the handshake.
      return new TransportException(Kind.TLS_FAILED,
          "the server at " + where + " ended the TLS connection during the handshake: it may require a client "
              + "certificate (--client-cert) or reject the one given", error);
    }
    if (find(error, EOFException.class) != null) {
      return new TransportException(Kind.UNREACHABLE,
          "the server at " + where + " closed the connection during the handshake: is it an AMQP port"
              + (settings.tls() ? "" : " (or one that wants TLS?)"), error);
    }
    return new TransportException(Kind.BROKER_ERROR,
        "cannot connect to " + settings.maskedUri() + ": " + oneLine(String.valueOf(error.getMessage())), error);
  }

  private static Throwable find(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }

  private static TransportException fromShutdown(ShutdownSignalException sse, RabbitMqSettings settings, Throwable error) {
    String reply = replyText(sse);
    switch (replyCode(sse)) {
      case AMQP.NOT_ALLOWED -> {
        // 530 says both "vhost 'x' not found" and "access to vhost 'x' refused"; only the text differs.
        if (reply.contains("not found")) {
          return new TransportException(Kind.VHOST_NOT_FOUND,
              "virtual host '" + settings.virtualHost() + "' does not exist on " + settings.host(), error);
        }
        return new TransportException(Kind.ACCESS_REFUSED,
            "access refused to user '" + settings.username() + "': " + reply, error);
      }
      case AMQP.ACCESS_REFUSED -> {
        return new TransportException(Kind.ACCESS_REFUSED,
            "access refused to user '" + settings.username() + "': " + reply, error);
      }
      default -> {
        return new TransportException(Kind.BROKER_ERROR, "RabbitMQ closed the connection: " + reply, error);
      }
    }
  }

  /**
   * For errors on a channel operation (declare, bind, consume), classified by the AMQP reply code
   * of the channel or connection close.
   *
   * @param what what was attempted, for the message ("declare exchange 'chat'", "subscribe with queue 'q'")
   */
  static TransportException onChannel(Throwable error, String what, RabbitMqSettings settings) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TransportException te) {
        return te;
      }
      if (t instanceof ShutdownSignalException sse) {
        String reply = replyText(sse);
        return switch (replyCode(sse)) {
          case AMQP.PRECONDITION_FAILED -> new TransportException(Kind.TOPOLOGY_MISMATCH,
              what.startsWith("declare exchange")
                  ? "exchange '" + settings.exchange() + "' already exists with other properties than lwqueue and the "
                      + "Python clients declare (fanout, not durable, not auto-delete): " + reply
                  : "cannot " + what + ": the queue already exists with other properties (another --queue-expiry, "
                      + "or declared by another program); use it with the same settings or choose another name: "
                      + reply,
              error);
          case AMQP.ACCESS_REFUSED -> new TransportException(Kind.ACCESS_REFUSED,
              "user '" + settings.username() + "' may not " + what + ": " + reply, error);
          case AMQP.NOT_FOUND -> new TransportException(Kind.NOT_FOUND, "cannot " + what + ": " + reply, error);
          case AMQP.RESOURCE_LOCKED -> new TransportException(Kind.ACCESS_REFUSED,
              "cannot " + what + ": another connection holds it exclusively (" + reply + ")", error);
          default -> new TransportException(Kind.BROKER_ERROR, "cannot " + what + ": " + reply, error);
        };
      }
    }
    return new TransportException(Kind.BROKER_ERROR, "cannot " + what + ": " + oneLine(String.valueOf(error.getMessage())), error);
  }

  /** The AMQP reply code of a channel or connection close, or 0 when there is none. */
  static int replyCode(ShutdownSignalException sse) {
    Object reason = sse.getReason();
    if (reason instanceof AMQP.Connection.Close close) {
      return close.getReplyCode();
    }
    if (reason instanceof AMQP.Channel.Close close) {
      return close.getReplyCode();
    }
    return 0;
  }

  /** The reply code of the first channel or connection close in an error's causes, or 0. */
  static int replyCodeIn(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ShutdownSignalException sse) {
        return replyCode(sse);
      }
    }
    return 0;
  }

  static String replyText(ShutdownSignalException sse) {
    Object reason = sse.getReason();
    if (reason instanceof AMQP.Connection.Close close) {
      return oneLine(close.getReplyText());
    }
    if (reason instanceof AMQP.Channel.Close close) {
      return oneLine(close.getReplyText());
    }
    return oneLine(String.valueOf(sse.getMessage()));
  }

  /** Remote text (a reply text, an exception message) as one terminal-safe line. */
  static String oneLine(String text) {
    return TerminalText.remote(text);
  }
}
