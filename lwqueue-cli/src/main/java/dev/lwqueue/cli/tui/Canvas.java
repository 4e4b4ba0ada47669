package dev.lwqueue.cli.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.screen.Screen;
import java.util.List;

/** Draws glyphs into a lanterna screen's back buffer for one frame. */
public final class Canvas {

  private final Screen screen;
  private final TerminalSize size;
  private final Glyphs glyphs;

  public Canvas(Screen screen, Glyphs glyphs) {
    this.screen = screen;
    this.size = screen.getTerminalSize();
    this.glyphs = glyphs;
  }

  public int columns() {
    return size.getColumns();
  }

  public int rows() {
    return size.getRows();
  }

  public Glyphs glyphs() {
    return glyphs;
  }

  /**
   * Draws glyphs from a column, in exactly {@code width} columns: cut with an ellipsis when longer,
   * padded with blanks in {@code pad} when shorter. Returns the column after the box.
   */
  public int put(int column, int row, int width, List<TextCharacter> text, Style pad) {
    if (row < 0 || row >= rows() || width <= 0) {
      return column + Math.max(0, width);
    }
    int end = Math.min(column + width, columns());
    int x = column;
    for (TextCharacter g : Glyphs.fit(text, end - column, pad)) {
      screen.setCharacter(x, row, g);
      x += Glyphs.width(g);
    }
    while (x < end) {
      screen.setCharacter(x++, row, pad.glyph(' '));
    }
    return column + width;
  }

  public int put(int column, int row, int width, String text, Style style) {
    return put(column, row, width, glyphs.of(text, style), style);
  }

  public void cursor(TerminalPosition position) {
    screen.setCursorPosition(position);
  }
}
