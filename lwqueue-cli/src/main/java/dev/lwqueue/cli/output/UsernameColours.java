package dev.lwqueue.cli.output;

/** A stable colour per username, so a person keeps their colour across sessions and screens. */
public final class UsernameColours {

  /** ANSI foreground colours readable on dark and light backgrounds; no black, white or grey. */
  private static final int[] ANSI = {31, 32, 33, 34, 35, 36, 91, 92, 93, 94, 95, 96};

  private UsernameColours() {}

  /** An index into a palette of {@code paletteSize} colours, the same for the same name everywhere. */
  public static int index(String username, int paletteSize) {
    // String.hashCode is specified by the JLS, so it is stable across JVMs and releases.
    return Math.floorMod(username.hashCode(), paletteSize);
  }

  /** The SGR code of the username's colour, for plain ANSI output. */
  public static int ansiCode(String username) {
    return ANSI[index(username, ANSI.length)];
  }

  public static String paint(String text, String username) {
    return "\u001b[" + ansiCode(username) + "m" + text + "\u001b[0m";
  }
}
