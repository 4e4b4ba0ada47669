package dev.lwqueue.cli.output;

import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.TerminalText;

/**
 * How a sender's name and a private message are marked wherever messages are shown (simple, rich,
 * chat). The marks must be unforgeable: a name is remote text, so a name that contains the
 * verified mark itself shows it escaped, and the private mark stands where no sender's text goes.
 */
public final class SenderMarks {

  /** After a name whose account the broker verified. */
  public static final String VERIFIED = "\u2713";
  /** Before a private message, followed by its addressee. */
  public static final String PRIVATE = "[private to ";

  private SenderMarks() {}

  /**
   * The name as shown: terminal-safe, cut to {@code maxChars}, any verified mark inside it
   * escaped, then the mark itself when the broker verified the sender.
   */
  public static String name(Delivery delivery, String rawName, int maxChars) {
    String shown = escapeMark(TerminalText.display(rawName, maxChars));
    return delivery.verified() ? shown + " " + VERIFIED : shown;
  }

  /** A name as shown, without a mark; for text that is not a delivery's sender. */
  public static String escapeMark(String safeName) {
    return safeName.replace(VERIFIED, "\\u2713");
  }

  /**
   * A message's text with the private mark before it when it is private; a room message that
   * starts like the mark gets a backslash first, so it cannot pass for a private one.
   */
  public static String text(Delivery delivery, String safeText) {
    if (delivery.isPrivate()) {
      return privatePrefix(delivery) + safeText;
    }
    return safeText.startsWith(PRIVATE) ? "\\" + safeText : safeText;
  }

  /** {@code [private to bob] } before a private message, nothing before one to the room. */
  public static String privatePrefix(Delivery delivery) {
    return delivery.isPrivate()
        ? PRIVATE + escapeMark(TerminalText.display(delivery.recipient(), 64)) + "] " : "";
  }
}
