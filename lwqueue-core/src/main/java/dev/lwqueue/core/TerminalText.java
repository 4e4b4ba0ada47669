package dev.lwqueue.core;

/**
 * Makes text from a remote sender safe to print on somebody else's terminal.
 *
 * <p>Every character that a terminal could act on instead of showing becomes a visible escape:
 * C0 controls (so ESC can start no CSI, OSC or DCS sequence, which is what moves the cursor,
 * changes colours, retitles the window or writes the clipboard with OSC 52), DEL, C1 controls
 * (U+0080..U+009F, which some terminals read as CSI/OSC introducers), bidirectional overrides and
 * isolates (which make text read in another order than it is), zero-width and other invisible
 * format characters, line and paragraph separators, and lone surrogates.
 */
public final class TerminalText {

  private TerminalText() {}

  /** The text with every unsafe character replaced by a visible escape; one line, always. */
  public static String sanitize(String text) {
    if (text == null) {
      return "";
    }
    int firstUnsafe = firstUnsafeIndex(text);
    if (firstUnsafe < 0) {
      return text; // the common case costs one scan and no allocation
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    out.append(text, 0, firstUnsafe);
    for (int i = firstUnsafe; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(i + 1));
        if (isUnsafeSupplementary(cp)) {
          appendEscape(out, cp);
        } else {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else if (isUnsafe(c)) {
        appendEscape(out, c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The text made safe and cut for display: at most {@code maxChars} characters of the original
   * (never splitting a surrogate pair) are kept, and a marker says how much was left out. Escaping
   * happens after cutting, so a huge body costs no more than its first {@code maxChars}.
   */
  public static String display(String text, int maxChars) {
    if (text == null) {
      return "";
    }
    if (text.length() <= maxChars) {
      return sanitize(text);
    }
    int end = maxChars;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return sanitize(text.substring(0, end)) + truncationMarker(text.length() - end);
  }

  /** The longest remote text {@link #remote} keeps: a close reason or error is one line, not a page. */
  public static final int MAX_REMOTE_CHARS = 300;

  /**
   * The one function for text that came from the network other than chat bodies (connection close
   * reasons, channel errors, error messages, Pub/Sub statuses): whitespace runs (line breaks
   * included) become one space, the rest is cut to {@link #MAX_REMOTE_CHARS} and made terminal-safe,
   * so it fits one status or error line and can never act on the terminal it is printed on.
   */
  public static String remote(String text) {
    if (text == null) {
      return "";
    }
    String oneLine = text.strip().replaceAll("[\\t\\n\\x0B\\f\\r\\u2028\\u2029 ]+", " ");
    return display(oneLine, MAX_REMOTE_CHARS);
  }

  /** What {@link #display} appends to a cut text. */
  public static String truncationMarker(int omittedChars) {
    return "… [" + omittedChars + " more characters not shown]";
  }

  /**
   * Whether a terminal could act on this code point instead of showing it; what {@link #sanitize}
   * escapes, for writers with an escaping scheme of their own (JSON output).
   */
  public static boolean isUnsafeCodePoint(int codePoint) {
    if (codePoint > 0xFFFF) {
      return isUnsafeSupplementary(codePoint);
    }
    char c = (char) codePoint;
    return Character.isSurrogate(c) || isUnsafe(c);
  }

  /** Whether {@link #sanitize} would leave the text as it is. */
  public static boolean isSafe(String text) {
    return text == null || firstUnsafeIndex(text) < 0;
  }

  private static int firstUnsafeIndex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          if (isUnsafeSupplementary(Character.toCodePoint(c, text.charAt(i + 1)))) {
            return i;
          }
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c) || isUnsafe(c)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isUnsafe(char c) {
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
      return true;
    }
    if (c < 0xA0) {
      return false;
    }
    return switch (c) {
      case '\u00AD', // soft hyphen: invisible
          '\u061C', // Arabic letter mark
          '\u180E', // Mongolian vowel separator
          '\u2028', // line separator
          '\u2029', // paragraph separator
          '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', // word joiner, invisible operators
          '\uFEFF' -> true; // zero-width no-break space / BOM
      default ->
          (c >= '\u200B' && c <= '\u200F') // zero-width space/joiners, LRM, RLM
              || (c >= '\u202A' && c <= '\u202E') // bidi embeddings and overrides
              || (c >= '\u2066' && c <= '\u206F') // bidi isolates, deprecated format chars
              || (c >= '\uFFF9' && c <= '\uFFFB'); // interlinear annotation
    };
  }

  /** Unicode tag characters can hide text; everything else above the BMP is shown as it is. */
  private static boolean isUnsafeSupplementary(int cp) {
    return cp >= 0xE0000 && cp <= 0xE007F;
  }

  private static void appendEscape(StringBuilder out, int cp) {
    switch (cp) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case 0x1B -> out.append("\\e");
      case 0 -> out.append("\\0");
      default -> {
        if (cp <= 0xFF) {
          out.append("\\x").append(hex(cp, 2));
        } else if (cp <= 0xFFFF) {
          out.append("\\u").append(hex(cp, 4));
        } else {
          out.append("\\U").append(hex(cp, 8));
        }
      }
    }
  }

  private static String hex(int value, int digits) {
    String h = Integer.toHexString(value);
    return "0".repeat(Math.max(0, digits - h.length())) + h;
  }
}
