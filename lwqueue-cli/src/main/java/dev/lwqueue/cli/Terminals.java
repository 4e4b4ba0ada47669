package dev.lwqueue.cli;

/** What the output is connected to. */
final class Terminals {

  private Terminals() {}

  /** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
  static boolean colourEnabled(Env env) {
    return env.get("NO_COLOR") == null && isTerminal() && !"dumb".equals(env.get("TERM"));
  }

  /** Java 17 has no isatty for stdout alone; a console exists only when stdin and stdout are ttys. */
  static boolean isTerminal() {
    return System.console() != null;
  }
}
