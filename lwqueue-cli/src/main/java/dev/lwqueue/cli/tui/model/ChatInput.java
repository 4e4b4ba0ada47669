package dev.lwqueue.cli.tui.model;

import java.util.List;

/** What an entered line means: a message to send, or one of the chat's slash commands. */
public sealed interface ChatInput {

  List<String> HELP = List.of(
      "Enter sends a message to everybody in the room. Commands:",
      "  /help       this help",
      "  /nick NAME  change the name your messages carry",
      "  /who        who is in the room now",
      "  /msg ACCOUNT text   a private message: only that account's subscribers receive it",
      "  /quit       leave (Ctrl-C too)",
      "  //text      send a message that starts with '/'",
      "Up/Down recall earlier lines; PgUp/PgDn scroll; Esc goes back to the newest message.",
      "Your message shows when the broker delivers it back; [unconfirmed] until the broker confirms it.");

  record Send(String text) implements ChatInput {}

  record Nick(String name) implements ChatInput {}

  record Help() implements ChatInput {}

  record Who() implements ChatInput {}

  /** A private message to the subscribers of one broker account. */
  record PrivateMessage(String account, String text) implements ChatInput {}

  record Quit() implements ChatInput {}

  record Nothing() implements ChatInput {}

  /** A mistake to tell the user about. */
  record Problem(String message) implements ChatInput {}

  static ChatInput parse(String line) {
    if (line.isBlank()) {
      return new Nothing();
    }
    if (line.startsWith("//")) {
      return new Send(line.substring(1));
    }
    if (!line.startsWith("/")) {
      return new Send(line);
    }
    String[] parts = line.substring(1).strip().split("\\s+", 2);
    String argument = parts.length > 1 ? parts[1].strip() : "";
    return switch (parts[0].toLowerCase(java.util.Locale.ROOT)) {
      case "help", "?" -> new Help();
      case "quit", "exit", "q" -> new Quit();
      case "nick", "name" -> argument.isEmpty()
          ? new Problem("usage: /nick NAME")
          : argument.length() > LogEntry.MAX_NAME_CHARS
              ? new Problem("a name may have at most " + LogEntry.MAX_NAME_CHARS + " characters")
              : new Nick(argument);
      case "who" -> new Who();
      case "msg", "tell" -> privateMessage(argument);
      default -> new Problem("unknown command " + line.strip().split("\\s+", 2)[0] + ": type /help");
    };
  }

  private static ChatInput privateMessage(String argument) {
    String[] parts = argument.split("\\s+", 2);
    if (parts.length < 2 || parts[0].isEmpty() || parts[1].isBlank()) {
      return new Problem("usage: /msg ACCOUNT text");
    }
    return new PrivateMessage(parts[0], parts[1]);
  }
}
