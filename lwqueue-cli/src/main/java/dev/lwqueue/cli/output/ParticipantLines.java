package dev.lwqueue.cli.output;

import dev.lwqueue.core.Participant;
import dev.lwqueue.core.TerminalText;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Who is in the room, as lines for {@code lwqueue who} and the chat's {@code /who}; remote text made safe. */
public final class ParticipantLines {

  private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneId.systemDefault());

  private ParticipantLines() {}

  /** A heading, then one line per participant: account, chat name, client, since, from. */
  public static List<String> of(List<Participant> participants) {
    List<String> lines = new ArrayList<>();
    lines.add(participants.isEmpty() ? "Nobody is in the room."
        : participants.size() + (participants.size() == 1 ? " is" : " are") + " in the room:");
    for (Participant p : participants) {
      lines.add(String.format("  %-20s %-20s %-16s %-19s %s", safe(p.account()), safe(p.displayName()),
          safe(p.client()), p.since() == null ? "-" : SINCE.format(p.since()),
          p.from() != null ? safe(p.from()) : "via " + safe(p.receivesFrom())));
    }
    return lines;
  }

  private static String safe(String text) {
    return text == null ? "-" : TerminalText.display(text, 40);
  }
}
