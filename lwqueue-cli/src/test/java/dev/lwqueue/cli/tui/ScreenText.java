package dev.lwqueue.cli.tui;

import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminal;
import java.util.ArrayList;
import java.util.List;

/** Reads what a virtual terminal shows, cell by cell. */
public final class ScreenText {

  private ScreenText() {}

  /** The cells of a row; a double-width glyph fills its cell and leaves "" in the next. */
  public static List<String> cells(VirtualTerminal terminal, int row) {
    int columns = terminal.getTerminalSize().getColumns();
    List<String> out = new ArrayList<>(columns);
    for (int x = 0; x < columns; x++) {
      TextCharacter c = terminal.getCharacter(x, row);
      out.add(c.getCharacterString());
      if (c.isDoubleWidth() && x + 1 < columns) {
        out.add("");
        x++;
      }
    }
    return out;
  }

  public static String row(VirtualTerminal terminal, int row) {
    return String.join("", cells(terminal, row));
  }

  public static List<String> rows(VirtualTerminal terminal) {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < terminal.getTerminalSize().getRows(); r++) {
      out.add(row(terminal, r));
    }
    return out;
  }

  /** The index of the first row containing the text, or -1. */
  public static int indexOf(List<String> rows, String text) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }
}
