package dev.lwqueue.webhook;

/** Makes one POST and says how it went; never throws for anything the receiver or network did. */
@FunctionalInterface
public interface WebhookSender {
  AttemptResult send(WebhookRequest request) throws InterruptedException;
}
