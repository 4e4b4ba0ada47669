package dev.lwqueue.core;

/** A live subscription. Closing it stops deliveries; closing twice is harmless. */
public interface Subscription extends AutoCloseable {

  /** The queue or subscription name the broker knows it by. */
  String name();

  /** Whether messages published while nobody listens wait for this subscription. */
  boolean durable();

  @Override
  void close();
}
