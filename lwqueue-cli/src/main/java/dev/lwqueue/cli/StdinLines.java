package dev.lwqueue.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The lines of standard input, read on a thread of their own. A read of {@code System.in} cannot
 * be interrupted, so a sender reading it directly would not notice a signal until its feeder wrote
 * another line (or forever, when the feeder keeps the pipe open and quiet); waiting on this queue
 * can be interrupted at once. Lines come in batches of what is already buffered, so a fast feeder
 * costs one hand-over per batch, and a slow one ({@code tail -f}) still gets each line out at once.
 */
final class StdinLines {

  private static final int MAX_BATCH = 512;
  private static final Object END = new Object();

  private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(64);
  private boolean ended;

  StdinLines(InputStream input) {
    // Invalid UTF-8 in the input becomes U+FFFD: what is sent is always valid text.
    BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8), 1 << 16);
    Thread thread = new Thread(() -> read(reader), "lwqueue-stdin");
    thread.setDaemon(true); // blocked in a read nobody can interrupt: it must not keep the JVM alive
    thread.start();
  }

  private void read(BufferedReader reader) {
    Object last = END;
    try {
      List<String> batch = new ArrayList<>();
      for (String line; (line = reader.readLine()) != null; ) {
        batch.add(line);
        if (batch.size() >= MAX_BATCH || !reader.ready()) {
          batches.put(batch);
          batch = new ArrayList<>();
        }
      }
      if (!batch.isEmpty()) {
        batches.put(batch);
      }
    } catch (IOException e) {
      last = new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      return;
    }
    try {
      batches.put(last);
    } catch (InterruptedException e) {
      // nobody is waiting any more
    }
  }

  /**
   * The next lines, waiting for them; {@code null} at the end of input.
   *
   * @throws InterruptedException when a signal stopped the command: the lines not yet taken stay unread
   * @throws UncheckedIOException when standard input could not be read
   */
  @SuppressWarnings("unchecked")
  List<String> next() throws InterruptedException {
    if (ended) {
      return null;
    }
    Object item = batches.take();
    if (item == END) {
      ended = true;
      return null;
    }
    if (item instanceof UncheckedIOException e) {
      ended = true;
      throw e;
    }
    return (List<String>) item;
  }
}
