package dev.lwqueue.cli.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import java.util.EnumSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Colours and modifiers for text, with the lanterna characters made in this style cached: making
 * one runs two Unicode break iterators, which would dominate the cost of a frame.
 */
public final class Style {

  public static final Style PLAIN = new Style(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, EnumSet.noneOf(SGR.class));

  private static final int MAX_CACHED = 4_096;

  private final TextColor foreground;
  private final TextColor background;
  private final EnumSet<SGR> modifiers;
  // Benign races: a glyph may be made twice, and glyphs are immutable.
  private final TextCharacter[] ascii = new TextCharacter[128];
  private final ConcurrentHashMap<String, TextCharacter> others = new ConcurrentHashMap<>();

  private Style(TextColor foreground, TextColor background, EnumSet<SGR> modifiers) {
    this.foreground = foreground;
    this.background = background;
    this.modifiers = modifiers;
  }

  public static Style of(TextColor foreground, SGR... modifiers) {
    EnumSet<SGR> set = EnumSet.noneOf(SGR.class);
    set.addAll(java.util.List.of(modifiers));
    return new Style(foreground, TextColor.ANSI.DEFAULT, set);
  }

  public Style on(TextColor newBackground) {
    return new Style(foreground, newBackground, EnumSet.copyOf(modifiers));
  }

  public Style with(SGR modifier) {
    EnumSet<SGR> set = EnumSet.copyOf(modifiers);
    set.add(modifier);
    return new Style(foreground, background, set);
  }

  /** A printable ASCII character (0x20..0x7E) in this style. */
  TextCharacter glyph(char c) {
    TextCharacter g = ascii[c];
    if (g == null) {
      g = TextCharacter.fromCharacter(c, foreground, background, modifiers.toArray(new SGR[0]))[0];
      ascii[c] = g;
    }
    return g;
  }

  /** One grapheme cluster (already terminal-safe) in this style. */
  TextCharacter glyph(String grapheme) {
    if (grapheme.length() == 1 && grapheme.charAt(0) < 128) {
      return glyph(grapheme.charAt(0));
    }
    TextCharacter g = others.get(grapheme);
    if (g == null) {
      if (others.size() >= MAX_CACHED) {
        others.clear();
      }
      g = TextCharacter.fromString(grapheme, foreground, background, modifiers)[0];
      others.put(grapheme, g);
    }
    return g;
  }
}
