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
      return time.format(delivery.receivedAt()) + " (not a chat message: " + delivery.problem() + ") "
          + TerminalText.display(delivery.bodyText(), MAX_SHOWN_CHARS);
    }
    Instant when = message.sentAt() != null ? message.sentAt() : delivery.receivedAt();
    String name = SenderMarks.name(delivery, message.username(), MAX_NAME_CHARS);
    return SenderMarks.privatePrefix(delivery) + time.format(when) + " "
        + (colour ? UsernameColours.paint(name, message.username()) : name) + ": "
        + TerminalText.display(message.message(), MAX_SHOWN_CHARS);
  }
}
