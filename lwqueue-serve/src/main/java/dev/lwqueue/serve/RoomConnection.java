package dev.lwqueue.serve;

import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConnectionEvent;
import dev.lwqueue.core.TransportException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's way to the room: the transport is opened on first need and again after an opening
 * failed, so {@code serve} starts (and answers 503) while the broker is away, and recovers when it
 * is back. Connection events say whether an open transport is currently connected.
 */
final class RoomConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RoomConnection.class);

  private final Supplier<ChatTransport> opener;
  private ChatTransport transport;
  private volatile String down;
  private boolean closed;

  RoomConnection(Supplier<ChatTransport> opener) {
    this.opener = opener;
  }

  /** The open transport; throws the opening's {@link TransportException} when the broker is unreachable. */
  synchronized ChatTransport transport() {
    if (closed) {
      throw new TransportException(TransportException.Kind.CLOSED, "the server is stopping");
    }
    if (transport == null) {
      ChatTransport opened = opener.get();
      opened.addConnectionListener(event -> {
        if (event.state() == ConnectionEvent.State.RECOVERING || event.state() == ConnectionEvent.State.FAILED) {
          down = event.detail();
        } else {
          down = null;
        }
      });
      transport = opened;
      LOG.info("connected to {}", opened.describe());
    }
    return transport;
  }

  /** Why the open transport is not connected right now, or {@code null} when it is. */
  String down() {
    return down;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (transport != null) {
      transport.close();
    }
  }
}
