package dev.lwqueue.core.work;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The dead letters of one work queue: messages given up on, kept with why (attributes such as
 * {@link #LAST_STATUS} and {@link #LAST_ERROR}) until somebody lists, replays or purges them.
 */
public interface DeadLetters {

  /** Attribute: the HTTP status of the last attempt, absent when there was no answer. */
  String LAST_STATUS = "lwqueue-last-status";
  /** Attribute: a one-line description of what went wrong in the last attempt. */
  String LAST_ERROR = "lwqueue-last-error";
  /** Attribute: how many attempts were made. */
  String ATTEMPTS = "lwqueue-attempts";
  /** Attribute: when the message was given up on (ISO-8601). */
  String DEAD_AT = "lwqueue-dead-at";

  /**
   * The attributes as they were before the message died: what replay sends again, so the
   * receiver sees the original message (with its id), not the bridge's notes on it.
   */
  static Map<String, String> originalAttributes(Map<String, String> attributes) {
    Map<String, String> original = new java.util.HashMap<>(attributes);
    original.keySet().removeAll(List.of(LAST_STATUS, LAST_ERROR, ATTEMPTS, DEAD_AT));
    return original;
  }

  /** The queue these dead letters belong to. */
  String queue();

  /** Where the dead letters are kept (exchange and queue, or topic and subscription), for messages. */
  String describe();

  /** Stores a dead letter; completes once the broker confirmed it, so the original may be acknowledged. */
  CompletableFuture<Void> add(byte[] body, Map<String, String> attributes);

  /** Up to {@code max} dead letters without removing them (oldest first where the broker keeps order). */
  List<DeadLetter> list(int max);

  /**
   * Sends up to {@code max} dead letters back to the work queue (only to it, not to the whole room),
   * removing each from the dead letters once the queue has it. Returns how many were replayed.
   */
  int replay(int max);

  /** Drops every dead letter; returns how many were dropped, or -1 when the broker cannot tell. */
  long purge();

  /** One dead letter: the original body and the attributes saying why it died. */
  record DeadLetter(byte[] body, Map<String, String> attributes) {
    public DeadLetter {
      attributes = Map.copyOf(attributes);
    }
  }
}
