package dev.lwqueue.core;

/** Told about connection changes; called on a transport thread, so it must return quickly. */
@FunctionalInterface
public interface ConnectionListener {
  void onEvent(ConnectionEvent event);
}
