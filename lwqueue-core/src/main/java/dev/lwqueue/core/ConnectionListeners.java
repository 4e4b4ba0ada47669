package dev.lwqueue.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one transport, told together. A listener that throws must not keep the others
 * from hearing, nor break the transport thread that emits; its failure goes to {@code onFailure}.
 */
public final class ConnectionListeners implements ConnectionListener {

  private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
  private final Consumer<RuntimeException> onFailure;

  public ConnectionListeners(Consumer<RuntimeException> onFailure) {
    this.onFailure = onFailure;
  }

  public void add(ConnectionListener listener) {
    listeners.add(listener);
  }

  @Override
  public void onEvent(ConnectionEvent event) {
    for (ConnectionListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        onFailure.accept(e);
      }
    }
  }
}
