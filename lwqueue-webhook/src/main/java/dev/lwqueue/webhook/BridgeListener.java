package dev.lwqueue.webhook;

/** What a bridge tells whoever watches it (the progress line, the tests); called on worker threads. */
public interface BridgeListener {

  /** One attempt ended; {@code willRetry} says whether another follows. */
  default void onAttempt(WebhookRequest request, AttemptResult result, boolean willRetry) {}

  /** A message was given up on and is now a dead letter. */
  default void onDead(String id, AttemptResult last, int attempts) {}

  /** Something the user should read, as one line (a dead letter that could not be stored, say). */
  default void onError(String line) {}
}
