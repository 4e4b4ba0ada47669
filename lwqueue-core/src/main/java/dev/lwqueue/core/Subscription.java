package dev.lwqueue.core;

import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/** A live subscription. Closing it stops deliveries; closing twice is harmless. */
public interface Subscription extends AutoCloseable {

  /** The queue or subscription name the broker knows it by. */
  String name();

  /** Whether messages published while nobody listens wait for this subscription. */
  boolean durable();

  /** What the broker calls it, with its name, for messages: {@code queue 'q'}, {@code subscription 's'}. */
  String describe();

  /**
   * Completes once this subscription delivers no more: normally after {@link
   * SubscribeOptions#maxMessages()} messages or {@link #close()}, exceptionally with a {@link
   * TransportException} when it failed (its handler threw, its output could not be finished, the
   * broker ended it). A failure is also told to the transport's listeners as a {@code FAILED} event.
   */
  CompletionStage<Void> done();

  /**
   * How many messages wait in the broker for this subscription, not yet delivered to it; empty
   * when the broker cannot say (Pub/Sub tells a backlog only through Cloud Monitoring, which the
   * emulator lacks). For progress lines, so a reader sees whether it keeps up.
   */
  default OptionalLong backlog() {
    return OptionalLong.empty();
  }

  @Override
  void close();
}
