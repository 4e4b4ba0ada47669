package dev.lwqueue.cli.tui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.lwqueue.core.TerminalText;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * The line the user types into: editing by grapheme (so an emoji is one Backspace), the usual
 * keys (Left/Right, Home/End, Ctrl-A/E/U/W), and Up/Down through what was entered before.
 * Characters a terminal could act on are not accepted, so the line shows what will be sent.
 */
public final class InputLine {

  private static final int MAX_HISTORY = 500;

  private final int maxChars;
  private final StringBuilder text = new StringBuilder();
  private final List<String> history = new ArrayList<>();
  private int cursor; // a char index on a grapheme boundary
  private int historyIndex; // history.size() while editing a new line
  private String draft = "";
  private char pendingHighSurrogate;

  public InputLine(int maxChars) {
    this.maxChars = maxChars;
  }

  public String text() {
    return text.toString();
  }

  public int cursor() {
    return cursor;
  }

  /**
   * Applies an editing key. Returns the entered line on Enter (and remembers it), otherwise
   * {@code null}. Keys that are not for editing are left to the caller: see {@link #handles}.
   */
  public String onKey(KeyStroke key) {
    switch (key.getKeyType()) {
      case Enter -> {
        return enter();
      }
      case Character -> {
        char c = key.getCharacter();
        if (key.isCtrlDown()) {
          control(c);
        } else if (!key.isAltDown()) {
          type(c);
        }
      }
      case Backspace -> deleteBefore();
      case Delete -> deleteAfter();
      case ArrowLeft -> cursor = previousBoundary(cursor);
      case ArrowRight -> cursor = nextBoundary(cursor);
      case Home -> cursor = 0;
      case End -> cursor = text.length();
      case ArrowUp -> recall(-1);
      case ArrowDown -> recall(+1);
      default -> { }
    }
    return null;
  }

  /** Whether this line uses the key (the view handles the others, such as PageUp). */
  public static boolean handles(KeyStroke key) {
    return switch (key.getKeyType()) {
      case Enter, Character, Backspace, Delete, ArrowLeft, ArrowRight, Home, End, ArrowUp, ArrowDown -> true;
      default -> false;
    };
  }

  private String enter() {
    String line = text.toString();
    if (!line.isBlank() && (history.isEmpty() || !history.get(history.size() - 1).equals(line))) {
      history.add(line);
      if (history.size() > MAX_HISTORY) {
        history.remove(0);
      }
    }
    text.setLength(0);
    cursor = 0;
    historyIndex = history.size();
    draft = "";
    return line;
  }

  private void control(char c) {
    switch (Character.toLowerCase(c)) {
      case 'a' -> cursor = 0;
      case 'e' -> cursor = text.length();
      case 'u' -> {
        text.delete(0, cursor);
        cursor = 0;
      }
      case 'w' -> {
        int start = cursor;
        while (start > 0 && text.charAt(start - 1) == ' ') {
          start--;
        }
        while (start > 0 && text.charAt(start - 1) != ' ') {
          start--;
        }
        text.delete(start, cursor);
        cursor = start;
      }
      default -> { }
    }
  }

  private void type(char c) {
    String s;
    if (Character.isHighSurrogate(c)) {
      pendingHighSurrogate = c; // an emoji arrives as two keys
      return;
    } else if (Character.isLowSurrogate(c)) {
      if (pendingHighSurrogate == 0) {
        return;
      }
      s = new String(new char[] {pendingHighSurrogate, c});
    } else {
      s = String.valueOf(c);
    }
    pendingHighSurrogate = 0;
    if (!TerminalText.isSafe(s) || text.length() + s.length() > maxChars) {
      return;
    }
    text.insert(cursor, s);
    cursor += s.length();
    // A combining mark joins the grapheme before it: keep the cursor on a boundary.
    cursor = Math.min(text.length(), nextBoundary(previousBoundary(cursor)));
  }

  private void deleteBefore() {
    int start = previousBoundary(cursor);
    text.delete(start, cursor);
    cursor = start;
  }

  private void deleteAfter() {
    text.delete(cursor, nextBoundary(cursor));
  }

  private void recall(int direction) {
    int target = historyIndex + direction;
    if (target < 0 || target > history.size()) {
      return;
    }
    if (historyIndex == history.size()) {
      draft = text.toString();
    }
    historyIndex = target;
    text.setLength(0);
    text.append(target == history.size() ? draft : history.get(target));
    cursor = text.length();
  }

  private int previousBoundary(int from) {
    if (from <= 0) {
      return 0;
    }
    BreakIterator it = BreakIterator.getCharacterInstance();
    it.setText(text.toString());
    int b = it.preceding(from);
    return b == BreakIterator.DONE ? 0 : b;
  }

  private int nextBoundary(int from) {
    if (from >= text.length()) {
      return text.length();
    }
    BreakIterator it = BreakIterator.getCharacterInstance();
    it.setText(text.toString());
    int b = it.following(from);
    return b == BreakIterator.DONE ? text.length() : b;
  }
}
