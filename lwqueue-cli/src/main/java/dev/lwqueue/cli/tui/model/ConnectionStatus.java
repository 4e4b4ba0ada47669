package dev.lwqueue.cli.tui.model;

import dev.lwqueue.core.ConnectionEvent;
import dev.lwqueue.core.ConnectionEventText;
import dev.lwqueue.core.TerminalText;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the status line says about the connection; written by the command and the transport's
 * connection listener, read by the render thread.
 */
public final class ConnectionStatus {

  public enum State {
    CONNECTING("connecting…"),
    CONNECTED("connected"),
    RECONNECTING("reconnecting…"),
    FAILED("disconnected");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private record Snapshot(State state, String broker, String detail) {}

  private volatile Snapshot snapshot;
  private final AtomicLong version = new AtomicLong();

  public ConnectionStatus(String target) {
    snapshot = new Snapshot(State.CONNECTING, TerminalText.sanitize(target), "");
  }

  /** Connected; {@code broker} is the transport's own description. */
  public void connected(String broker) {
    set(new Snapshot(State.CONNECTED, TerminalText.sanitize(broker), ""));
  }

  /** Follows the transport's connection events. */
  public void onEvent(ConnectionEvent event) {
    Snapshot now = snapshot;
    State state = switch (event.state()) {
      case RECOVERED -> State.CONNECTED;
      case RECOVERING -> State.RECONNECTING;
      case FAILED -> State.FAILED;
    };
    set(new Snapshot(state, now.broker(), state == State.CONNECTED ? "" : ConnectionEventText.detail(event)));
  }

  private void set(Snapshot s) {
    snapshot = s;
    version.incrementAndGet();
  }

  public State state() {
    return snapshot.state();
  }

  /** Where we connect to: the transport's description once connected. */
  public String broker() {
    return snapshot.broker();
  }

  /** Why we are not connected, or empty. */
  public String detail() {
    return snapshot.detail();
  }

  public long version() {
    return version.get();
  }
}
