package dev.lwqueue.cli.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A view on lanterna's virtual terminal, driven frame by frame, read back cell by cell. */
final class VirtualScreen implements AutoCloseable {

  static final long FRAME = 1_000_000_000L / 30;

  final DefaultVirtualTerminal terminal;
  final TerminalSession session;
  final RenderLoop loop;
  private long now = 1_000_000_000L;

  VirtualScreen(View view, int columns, int rows) {
    terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
    try {
      session = TerminalSession.start(terminal);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    loop = new RenderLoop(session.screen(), view, 30, () -> {}, e -> {});
  }

  /** Runs one frame; returns false when the view asked to leave. */
  boolean frame() {
    now += FRAME;
    try {
      return loop.tick(now);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lets time pass without a frame. */
  void advance(long nanos) {
    now += nanos;
  }

  List<String> cells(int row) {
    return ScreenText.cells(terminal, row);
  }

  String row(int row) {
    return ScreenText.row(terminal, row);
  }

  List<String> rows() {
    return ScreenText.rows(terminal);
  }

  /** The screen column of the first cell holding this glyph, or -1. */
  int column(int row, String glyph) {
    return cells(row).indexOf(glyph);
  }

  /** The screen row whose text contains this, or -1. */
  int rowContaining(String text) {
    return ScreenText.indexOf(rows(), text);
  }

  TextCharacter at(int column, int row) {
    return terminal.getCharacter(column, row);
  }

  void press(KeyType type) {
    terminal.addInput(new KeyStroke(type));
  }

  void press(char c, boolean ctrl) {
    terminal.addInput(new KeyStroke(c, ctrl, false));
  }

  void type(String text) {
    for (int i = 0; i < text.length(); i++) {
      terminal.addInput(new KeyStroke(text.charAt(i), false, false));
    }
  }

  void resize(int columns, int rows) {
    terminal.setTerminalSize(new TerminalSize(columns, rows));
  }

  @Override
  public void close() throws IOException {
    loop.close();
    session.close();
  }
}
