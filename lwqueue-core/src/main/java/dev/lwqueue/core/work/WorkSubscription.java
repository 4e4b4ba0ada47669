package dev.lwqueue.core.work;

/**
 * A {@link WorkQueues} consumer. Unsettled deliveries go back to the queue on close; closing twice
 * is harmless.
 */
public interface WorkSubscription extends AutoCloseable {

  /** The queue or subscription name the broker knows it by. */
  String name();

  /**
   * Asks the broker to send nothing more while deliveries already received can still be settled,
   * so a stopping bridge finishes what it holds without being handed more.
   */
  void stopReceiving();

  @Override
  void close();
}
