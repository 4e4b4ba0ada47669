package dev.lwqueue.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * The lines of standard input, read on a thread of their own. A read of {@code System.in} cannot
 * be interrupted, so a sender reading it directly would not notice a signal until its feeder wrote
 * another line (or forever, when the feeder keeps the pipe open and quiet); waiting on this queue
 * can be interrupted at once. Lines come in batches of what is already buffered, so a fast feeder
 * costs one hand-over per batch, and a slow one ({@code tail -f}) still gets each line out at once.
 *
 * <p>The reader stays one small batch ahead of the sender, no more: it reads far faster than the
 * broker confirms, so any queue between them is always full, and every line waiting in it is live
 * data that each young collection copies and, once the survivor space overflows, moves to the old
 * generation. A queue of 64 batches of 512 lines (32,000 lines) cost {@code send-message --stdin}
 * 6-9 % of its rate in collections: 5 or 6 full collections instead of 1 or 2 per 300,000 lines.
 */
final class StdinLines {

  /** Lines per hand-over: one wake-up of the reader per 64 messages sent, about 1 ms of sending. */
  private static final int MAX_BATCH_LINES = 64;
  /** Long lines end a batch sooner, so that read-ahead stays small in bytes too. */
  private static final int MAX_BATCH_CHARS = 1 << 14;
  private static final Object END = new Object();

  /** No room of its own: a batch is handed over when the sender takes it (see the class comment). */
  private final BlockingQueue<Object> batches = new SynchronousQueue<>();
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
      int chars = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        batch.add(line);
        chars += line.length();
        if (batch.size() >= MAX_BATCH_LINES || chars >= MAX_BATCH_CHARS || !reader.ready()) {
          batches.put(batch);
          batch = new ArrayList<>();
          chars = 0;
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
