package dev.lwqueue.cli.tui.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The user's own messages that the broker has not confirmed yet, or refused, by message id; the
 * chat marks them when they come back. Confirmed messages are forgotten, so it stays small.
 */
public final class Outbox {

  public enum State {
    SENDING,
    NOT_CONFIRMED
  }

  private static final int MAX_REMEMBERED = 1_000;

  private final Map<String, State> states =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
          return size() > MAX_REMEMBERED;
        }
      };
  private final AtomicLong version = new AtomicLong();

  public synchronized void sending(String id) {
    states.put(id, State.SENDING);
    version.incrementAndGet();
  }

  public synchronized void confirmed(String id) {
    states.remove(id);
    version.incrementAndGet();
  }

  public synchronized void notConfirmed(String id) {
    states.put(id, State.NOT_CONFIRMED);
    version.incrementAndGet();
  }

  /** The state of one of our messages, or {@code null} when confirmed or not ours. */
  public synchronized State state(String id) {
    return id == null ? null : states.get(id);
  }

  public long version() {
    return version.get();
  }
}
