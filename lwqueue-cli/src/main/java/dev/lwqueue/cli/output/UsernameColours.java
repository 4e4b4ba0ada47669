package dev.lwqueue.cli.output;

import com.googlecode.lanterna.TextColor;

/** A stable colour per username, so a person keeps their colour across sessions and screens. */
public final class UsernameColours {

  /** ANSI foreground colours readable on dark and light backgrounds; no black, white or grey. */
  private static final int[] ANSI = {31, 32, 33, 34, 35, 36, 91, 92, 93, 94, 95, 96};

  /** The same colours, in the same order, for the full-screen views. */
  private static final TextColor.ANSI[] LANTERNA = {
    TextColor.ANSI.RED, TextColor.ANSI.GREEN, TextColor.ANSI.YELLOW,
    TextColor.ANSI.BLUE, TextColor.ANSI.MAGENTA, TextColor.ANSI.CYAN,
    TextColor.ANSI.RED_BRIGHT, TextColor.ANSI.GREEN_BRIGHT, TextColor.ANSI.YELLOW_BRIGHT,
    TextColor.ANSI.BLUE_BRIGHT, TextColor.ANSI.MAGENTA_BRIGHT, TextColor.ANSI.CYAN_BRIGHT
  };

  private UsernameColours() {}

  /** An index into a palette of {@code paletteSize} colours, the same for the same name everywhere. */
  public static int index(String username, int paletteSize) {
    // String.hashCode is specified by the JLS, so it is stable across JVMs and releases.
    return indexOfHash(username.hashCode(), paletteSize);
  }

  /** The same as {@link #index} for a name's {@code hashCode()}, for callers that keep only the hash. */
  public static int indexOfHash(int usernameHash, int paletteSize) {
    return Math.floorMod(usernameHash, paletteSize);
  }

  /** The SGR code of the username's colour, for plain ANSI output. */
  public static int ansiCode(String username) {
    return ANSI[index(username, ANSI.length)];
  }

  /** The username's colour on a lanterna screen: the same colour as {@link #ansiCode}. */
  public static TextColor.ANSI lanterna(int usernameHash) {
    return LANTERNA[indexOfHash(usernameHash, LANTERNA.length)];
  }

  public static String paint(String text, String username) {
    return "\u001b[" + ansiCode(username) + "m" + text + "\u001b[0m";
  }
}
