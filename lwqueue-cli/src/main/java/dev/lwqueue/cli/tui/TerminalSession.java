package dev.lwqueue.cli.tui;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal.CtrlCBehaviour;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A full screen on a terminal: the alternate screen, no echo, keys one at a time. Closing it puts
 * the terminal back exactly as it was (normal screen, cursor visible, the saved stty settings with
 * echo and Ctrl-C), whatever happened in between.
 */
public final class TerminalSession implements AutoCloseable {

  private final Terminal terminal;
  private final TerminalScreen screen;

  private TerminalSession(Terminal terminal, TerminalScreen screen) {
    this.terminal = terminal;
    this.screen = screen;
  }

  /** Takes over the process's terminal (stdin/stdout must be one). */
  public static TerminalSession system() throws IOException {
    // A text terminal always: lanterna's factory would open a Swing window when it sees no console.
    // TRAP turns Ctrl-C into a key, so leaving goes through the same path as 'q' and restores the
    // terminal; UTF-8 whatever the locale says, so names and emoji survive a C locale.
    Terminal terminal = new Utf8UnixTerminal();
    return start(terminal);
  }

  /**
   * lanterna 3.1.5's stream terminal encodes {@code putString} one char at a time, which turns both
   * halves of an emoji (a surrogate pair) into '?'; this one encodes the whole grapheme at once.
   */
  static final class Utf8UnixTerminal extends UnixTerminal {
    Utf8UnixTerminal() throws IOException {
      super(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
          StandardCharsets.UTF_8, CtrlCBehaviour.TRAP);
    }

    @Override
    public void putString(String string) throws IOException {
      StringBuilder printable = new StringBuilder(string.length());
      for (int i = 0; i < string.length(); i++) {
        char c = string.charAt(i);
        if (c >= 0x20 && c != 0x7F) {
          printable.append(c);
        }
      }
      writeToTerminal(printable.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Starts a screen on any terminal, such as lanterna's virtual one in tests. */
  public static TerminalSession start(Terminal terminal) throws IOException {
    TerminalScreen screen = new TerminalScreen(terminal);
    try {
      screen.startScreen();
    } catch (IOException | RuntimeException e) {
      terminal.close();
      throw e;
    }
    return new TerminalSession(terminal, screen);
  }

  public Screen screen() {
    return screen;
  }

  public Terminal terminal() {
    return terminal;
  }

  @Override
  public void close() throws IOException {
    try {
      screen.stopScreen(false); // leaves the alternate screen and shows the cursor
    } finally {
      try {
        terminal.setCursorVisible(true);
        terminal.flush();
      } finally {
        terminal.close(); // restores the saved stty settings: echo, canonical mode, Ctrl-C
      }
    }
  }
}
