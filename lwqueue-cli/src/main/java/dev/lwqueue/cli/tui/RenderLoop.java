package dev.lwqueue.cli.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one thread that touches the screen: each frame it reads the keys that arrived, applies a
 * resize, and redraws when something changed, at most {@code maxFps} times a second. However many
 * messages arrive in between, a frame draws once, from the model's state at that moment.
 */
public final class RenderLoop implements AutoCloseable {

  public static final int DEFAULT_MAX_FPS = 30;
  private static final long IDLE_REDRAW_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Screen screen;
  private final View view;
  private final long frameNanos;
  private final Runnable onQuit;
  private final Consumer<Exception> onFailure;
  private final Glyphs glyphs = new Glyphs();
  private volatile boolean running;
  private Thread thread;

  private long drawnVersion = Long.MIN_VALUE;
  private long lastDrawNanos;
  private boolean needsFullRedraw = true;
  private volatile long redraws;
  private volatile long longestFrameNanos;

  public RenderLoop(Screen screen, View view, int maxFps, Runnable onQuit, Consumer<Exception> onFailure) {
    if (maxFps < 1) {
      throw new IllegalArgumentException("maxFps must be at least 1");
    }
    this.screen = screen;
    this.view = view;
    this.frameNanos = TimeUnit.SECONDS.toNanos(1) / maxFps;
    this.onQuit = onQuit;
    this.onFailure = onFailure;
  }

  /** Starts the render thread. */
  public RenderLoop start() {
    running = true;
    thread = new Thread(this::run, "lwqueue-render");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  private void run() {
    long next = System.nanoTime();
    while (running) {
      try {
        if (!tick(System.nanoTime())) {
          running = false;
          onQuit.run();
          return;
        }
      } catch (Exception e) {
        running = false;
        onFailure.accept(e);
        return;
      }
      next += frameNanos;
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(sleep);
        } catch (InterruptedException e) {
          return; // close() stops us
        }
      } else {
        next = System.nanoTime(); // fell behind: do not try to catch up with a burst of frames
      }
    }
  }

  /**
   * One frame: keys, resize, redraw if needed. Returns {@code false} when the user asked to leave.
   * Public for tests and the benchmark, which drive frames themselves.
   */
  public boolean tick(long nowNanos) throws IOException {
    boolean changed = false;
    for (KeyStroke key = screen.pollInput(); key != null; key = screen.pollInput()) {
      if (key.getKeyType() == KeyType.EOF || !view.onKey(key)) {
        return false;
      }
      changed = true;
    }
    if (screen.doResizeIfNecessary() != null) {
      needsFullRedraw = true;
    }
    long version = view.version();
    if (changed || needsFullRedraw || version != drawnVersion || nowNanos - lastDrawNanos >= IDLE_REDRAW_NANOS) {
      draw(nowNanos, version);
    }
    return true;
  }

  private void draw(long nowNanos, long version) throws IOException {
    long start = System.nanoTime();
    view.draw(new Canvas(screen, glyphs), nowNanos);
    screen.refresh(needsFullRedraw ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    needsFullRedraw = false;
    drawnVersion = version;
    lastDrawNanos = nowNanos;
    redraws++;
    longestFrameNanos = Math.max(longestFrameNanos, System.nanoTime() - start);
  }

  /** The render thread's id, for CPU accounting in the benchmark. */
  public long threadId() {
    return thread.getId();
  }

  /** How many times the screen was drawn. */
  public long redraws() {
    return redraws;
  }

  public long longestFrameNanos() {
    return longestFrameNanos;
  }

  /** Stops the render thread and waits for it, so the screen can be restored safely. */
  @Override
  public void close() {
    running = false;
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
      try {
        t.join(TimeUnit.SECONDS.toMillis(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
