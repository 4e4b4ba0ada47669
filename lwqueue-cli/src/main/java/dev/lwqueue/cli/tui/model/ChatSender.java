package dev.lwqueue.cli.tui.model;

import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends what the user typed. Publishing happens on a thread of its own, so a broker that blocks
 * publishers never freezes the screen; the outbox marks the message until the broker confirms it,
 * and a message the broker did not confirm is reported in the chat, never dropped silently.
 */
public final class ChatSender implements AutoCloseable {

  private final MessageLog log;
  private final Outbox outbox;
  private final Duration confirmTimeout;
  private final Clock clock;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lwqueue-send");
        t.setDaemon(true);
        return t;
      });
  private volatile ChatTransport transport;

  public ChatSender(MessageLog log, Outbox outbox, Duration confirmTimeout, Clock clock) {
    this.log = log;
    this.outbox = outbox;
    this.confirmTimeout = confirmTimeout;
    this.clock = clock;
  }

  /** Messages go out through this transport from now on. */
  public void attach(ChatTransport connected) {
    this.transport = connected;
  }

  /** Publishes a message; returns {@code false} (and sends nothing) while not connected. */
  public boolean send(String username, String text) {
    ChatTransport t = transport;
    if (t == null) {
      return false;
    }
    ChatMessage message = ChatMessage.stamped(username, text);
    outbox.sending(message.id());
    executor.execute(() -> publish(t, message));
    return true;
  }

  /**
   * Publishes a private message; it shows in this chat at once, marked, since the broker delivers
   * it only to the recipient. Returns {@code false} (and sends nothing) while not connected.
   */
  public boolean sendPrivate(String username, String recipient, String text) {
    ChatTransport t = transport;
    if (t == null) {
      return false;
    }
    ChatMessage message = ChatMessage.stamped(username, text);
    outbox.sending(message.id());
    log.add(LogEntry.ownPrivate(clock.instant(), message, recipient));
    executor.execute(() -> publish(t, message, recipient));
    return true;
  }

  private void publish(ChatTransport t, ChatMessage message) {
    publish(t, message, null);
  }

  private void publish(ChatTransport t, ChatMessage message, String recipient) {
    CompletableFuture<?> confirmed;
    try {
      confirmed = recipient == null ? t.publish(message) : t.publishPrivate(message, recipient);
    } catch (RuntimeException e) {
      confirmed = CompletableFuture.failedFuture(e);
    }
    confirmed
        .orTimeout(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((receipt, failure) -> {
          if (failure == null) {
            outbox.confirmed(message.id());
          } else {
            outbox.notConfirmed(message.id());
            log.add(LogEntry.warning(clock.instant(),
                "not confirmed by the broker, it may not have been delivered: \"" + preview(message.message())
                    + "\" (" + reason(failure) + ")"));
          }
        });
  }

  private String reason(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      return "no confirmation within " + confirmTimeout.toSeconds() + " s";
    }
    if (cause instanceof TransportException te) {
      return te.getMessage();
    }
    return String.valueOf(cause);
  }

  private static String preview(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}
