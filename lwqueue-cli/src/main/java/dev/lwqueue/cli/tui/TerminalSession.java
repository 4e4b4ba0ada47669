package dev.lwqueue.cli.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal.CtrlCBehaviour;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.BufferedOutputStream;
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
   * lanterna's Unix terminal with three fixes. Output is buffered and goes out on {@code flush()},
   * which the screen calls once per frame (unbuffered, every cell and colour change was a system
   * call of its own). The size comes from {@code stty size}, not from a cursor position report,
   * which would wait for an answer that a buffered request never sent, and would read keys on the
   * resize signal's thread. And {@code putString} encodes the whole grapheme at once: lanterna
   * 3.1.5 encodes it char by char, which turns both halves of an emoji into '?'.
   */
  static final class Utf8UnixTerminal extends UnixTerminal {
    private static final TerminalSize FALLBACK_SIZE = new TerminalSize(80, 24);

    Utf8UnixTerminal() throws IOException {
      super(new FileInputStream(FileDescriptor.in),
          new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
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

    @Override
    protected TerminalSize findTerminalSize() throws IOException {
      String[] rowsColumns = runSTTYCommand("size").trim().split("\\s+");
      try {
        int rows = Integer.parseInt(rowsColumns[0]);
        int columns = Integer.parseInt(rowsColumns[1]);
        return rows > 0 && columns > 0 ? new TerminalSize(columns, rows) : FALLBACK_SIZE;
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        return FALLBACK_SIZE;
      }
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
