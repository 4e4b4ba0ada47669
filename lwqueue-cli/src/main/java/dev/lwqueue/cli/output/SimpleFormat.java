package dev.lwqueue.cli.output;

import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.TerminalText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * {@code HH:mm:ss username: message}, the username in its colour when colour is on. A body that is
 * not a chat message is shown escaped, with the reason, instead of being dropped.
 */
public final class SimpleFormat implements DeliveryFormat {

  /** The longest body shown for a message that is not ours; the rest is cut with a marker. */
  static final int MAX_FOREIGN_CHARS = 500;

  private final boolean colour;
  private final DateTimeFormatter time;

  public SimpleFormat(boolean colour, ZoneId zone) {
    this.colour = colour;
    this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
  }

  @Override
  public String format(Delivery delivery) {
    ChatMessage message = delivery.message();
    if (message == null) {
      String body = delivery.bodyText();
      String shown = body.length() > MAX_FOREIGN_CHARS
          ? TerminalText.sanitize(body.substring(0, MAX_FOREIGN_CHARS)) + "… [" + delivery.body().length + " bytes]"
          : TerminalText.sanitize(body);
      return time.format(delivery.receivedAt()) + " (not a chat message: " + delivery.problem() + ") " + shown;
    }
    Instant when = message.sentAt() != null ? message.sentAt() : delivery.receivedAt();
    String name = TerminalText.sanitize(message.username());
    return time.format(when) + " " + (colour ? UsernameColours.paint(name, message.username()) : name) + ": "
        + TerminalText.sanitize(message.message());
  }
}
