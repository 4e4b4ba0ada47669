package dev.lwqueue.core;

import java.time.Duration;

/**
 * A change in a transport's connection, for status lines ("reconnecting…", "back after 3 s").
 *
 * @param state the new state
 * @param detail a one-line, user-readable explanation (never contains a password)
 * @param downtime for {@link State#RECOVERED}, how long the connection was gone; otherwise zero
 */
public record ConnectionEvent(State state, String detail, Duration downtime) {

  public enum State {
    RECOVERING,
    RECOVERED,
    /** The connection is gone for good; the transport will not try again. */
    FAILED
  }

  public static ConnectionEvent of(State state, String detail) {
    return new ConnectionEvent(state, detail, Duration.ZERO);
  }
}
