package dev.lwqueue.rabbitmq;

import static org.awaitility.Awaitility.await;

import dev.lwqueue.core.ConnectionEvent;
import dev.lwqueue.core.ConnectionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records connection events for tests to wait on. */
public final class ConnectionEvents implements ConnectionListener {

  private final List<ConnectionEvent> events = new ArrayList<>();

  @Override
  public synchronized void onEvent(ConnectionEvent event) {
    events.add(event);
  }

  public synchronized List<ConnectionEvent> all() {
    return List.copyOf(events);
  }

  public synchronized long count(ConnectionEvent.State state) {
    return events.stream().filter(e -> e.state() == state).count();
  }

  /** Waits until at least {@code n} events of this state arrived. */
  public void awaitAtLeast(ConnectionEvent.State state, long n, Duration atMost) {
    await(state + " x" + n).atMost(atMost).until(() -> count(state) >= n);
  }
}
