package dev.lwqueue.cli.tui;

import com.googlecode.lanterna.TextCharacter;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Text as the cells it takes on screen: one lanterna character per grapheme cluster, two columns
 * for CJK and emoji, exactly as lanterna's screen buffer counts them, so what is measured here is
 * where the screen puts it. (lanterna's own {@code putString} goes char by char and splits emoji.)
 * Not thread-safe: each render thread has its own.
 */
public final class Glyphs {

  public static final String ELLIPSIS = "…";

  private final BreakIterator graphemes = BreakIterator.getCharacterInstance();

  /** The text's glyphs in a style, appended to {@code out}. The text must be terminal-safe. */
  public List<TextCharacter> append(List<TextCharacter> out, String text, Style style) {
    if (isPrintableAscii(text)) {
      for (int i = 0; i < text.length(); i++) {
        out.add(style.glyph(text.charAt(i)));
      }
      return out;
    }
    graphemes.setText(text);
    int start = graphemes.first();
    for (int end = graphemes.next(); end != BreakIterator.DONE; start = end, end = graphemes.next()) {
      String g = text.substring(start, end);
      if (g.charAt(0) < 0x20 || g.charAt(0) == 0x7F) {
        g = "?"; // sanitised text has none; a stray one must not make lanterna throw
      }
      out.add(style.glyph(g));
    }
    return out;
  }

  public List<TextCharacter> of(String text, Style style) {
    return append(new ArrayList<>(text.length()), text, style);
  }

  public static int width(TextCharacter glyph) {
    return glyph.isDoubleWidth() ? 2 : 1;
  }

  public static int width(List<TextCharacter> glyphs) {
    int w = 0;
    for (TextCharacter g : glyphs) {
      w += width(g);
    }
    return w;
  }

  /** The width of a text in columns, as the screen will lay it out. */
  public int width(String text) {
    return isPrintableAscii(text) ? text.length() : width(of(text, Style.PLAIN));
  }

  /**
   * The glyphs that fit in {@code columns}; when the text is wider it is cut and ends with an
   * ellipsis in {@code ellipsisStyle}, so a cut is always visible. A wide glyph that would straddle
   * the edge is left out whole.
   */
  public static List<TextCharacter> fit(List<TextCharacter> glyphs, int columns, Style ellipsisStyle) {
    if (columns <= 0) {
      return List.of();
    }
    if (width(glyphs) <= columns) {
      return glyphs;
    }
    List<TextCharacter> out = new ArrayList<>(columns);
    int used = 0;
    for (TextCharacter g : glyphs) {
      int w = width(g);
      if (used + w > columns - 1) {
        break;
      }
      out.add(g);
      used += w;
    }
    out.add(ellipsisStyle.glyph(ELLIPSIS));
    return out;
  }

  private static boolean isPrintableAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }
}
