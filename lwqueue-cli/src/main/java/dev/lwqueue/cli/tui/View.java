package dev.lwqueue.cli.tui;

import com.googlecode.lanterna.input.KeyStroke;

/** A full-screen view: draws itself from its model and reacts to keys. Called on the render thread only. */
public interface View {

  /** Draws the whole screen, including where the cursor goes (or hides it). */
  void draw(Canvas canvas, long nowNanos);

  /** Handles a key; returns {@code false} when the user asked to leave. */
  boolean onKey(KeyStroke key);

  /**
   * A number that changes whenever the model changed in a way the screen shows. The render loop
   * redraws when it changed, after a key or a resize, and once a second for the clock and rate.
   */
  long version();

  /** Ctrl-C: leaves every view. */
  static boolean isCtrlC(KeyStroke key) {
    return key.isCtrlDown() && !key.isAltDown() && key.getCharacter() != null
        && (key.getCharacter() == 'c' || key.getCharacter() == 'C');
  }
}
