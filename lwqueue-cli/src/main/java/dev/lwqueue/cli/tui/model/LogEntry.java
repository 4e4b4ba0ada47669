package dev.lwqueue.cli.tui.model;

import dev.lwqueue.cli.output.SenderMarks;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.TerminalText;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the message log, already terminal-safe: the screen only measures and draws it.
 *
 * <p>Texts are cut to {@link #MAX_TEXT_CHARS} when they are stored (with a note saying how long the
 * original was), so a sender of huge messages cannot make the bounded log large; and they are
 * NFC-normalised, so an accent sent as a combining character takes one column like the terminal
 * shows it.
 *
 * @param kind what the line is
 * @param time when it was sent (the sender's timestamp when there is one) or noted
 * @param name the sender, terminal-safe; empty for notices
 * @param nameHash the hash of the sender's name as sent, which picks its colour
 * @param text the message, terminal-safe
 * @param messageId the sender's message id, or {@code null}; chat marks its own unconfirmed messages by it
 */
public record LogEntry(Kind kind, Instant time, String name, int nameHash, String text, String messageId) {

  /** The longest text kept per entry; wider than any terminal, small enough to keep 10,000. */
  public static final int MAX_TEXT_CHARS = 2_000;

  static final int MAX_NAME_CHARS = 100;

  public enum Kind {
    /** A chat message from the broker. */
    CHAT,
    /** A body from the broker that is not a chat message; shown escaped with the reason. */
    FOREIGN,
    /** Something lwqueue tells the user: help, connection changes. */
    NOTICE,
    /** Something went wrong that the user must know about, such as an unconfirmed message. */
    WARNING
  }

  public LogEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
  }

  /** The entry for a delivery, made terminal-safe and cut to size. */
  public static LogEntry of(Delivery delivery) {
    ChatMessage message = delivery.message();
    if (message == null) {
      return new LogEntry(Kind.FOREIGN, delivery.receivedAt(), "?", 0,
          "(not a chat message: " + delivery.problem() + ") " + display(delivery.bodyText(), MAX_TEXT_CHARS),
          null);
    }
    Instant time = message.sentAt() != null ? message.sentAt() : delivery.receivedAt();
    String name = SenderMarks.escapeMark(display(message.username(), MAX_NAME_CHARS));
    return new LogEntry(Kind.CHAT, time, delivery.verified() ? name + " " + SenderMarks.VERIFIED : name,
        message.username().hashCode(), SenderMarks.text(delivery, display(message.message(), MAX_TEXT_CHARS)),
        message.id());
  }

  /** This user's own private message, shown where it was typed: the broker delivers it only to the recipient. */
  public static LogEntry ownPrivate(Instant time, ChatMessage message, String recipient) {
    return new LogEntry(Kind.CHAT, time, SenderMarks.escapeMark(display(message.username(), MAX_NAME_CHARS)),
        message.username().hashCode(), SenderMarks.PRIVATE + SenderMarks.escapeMark(display(recipient, 64)) + "] "
            + display(message.message(), MAX_TEXT_CHARS), message.id());
  }

  /** A line of lwqueue's own; its text may quote the broker, so it is made safe too. */
  public static LogEntry notice(Instant time, String text) {
    return new LogEntry(Kind.NOTICE, time, "", 0, display(text, MAX_TEXT_CHARS), null);
  }

  public static LogEntry warning(Instant time, String text) {
    return new LogEntry(Kind.WARNING, time, "", 0, display(text, MAX_TEXT_CHARS), null);
  }

  /** Terminal-safe, NFC, at most {@code max} chars plus a note of the original length. */
  static String display(String raw, int max) {
    String cut = raw.length() > max ? raw.substring(0, surrogateSafeEnd(raw, max)) : raw;
    String safe = TerminalText.sanitize(cut);
    if (!Normalizer.isNormalized(safe, Normalizer.Form.NFC)) {
      safe = Normalizer.normalize(safe, Normalizer.Form.NFC);
    }
    boolean longer = cut.length() < raw.length();
    if (safe.length() > max) { // escapes make hostile text longer than it was
      safe = safe.substring(0, surrogateSafeEnd(safe, max));
      longer = true;
    }
    return longer ? safe + "… [" + raw.length() + " characters]" : safe;
  }

  private static int surrogateSafeEnd(String s, int end) {
    return end > 0 && Character.isHighSurrogate(s.charAt(end - 1)) ? end - 1 : end;
  }
}
