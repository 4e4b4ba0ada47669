package dev.lwqueue.archive;

import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.DeliveryHandler;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores every delivery in the database, and lets the transport acknowledge only what is committed.
 *
 * <p>{@link #onDelivery} only buffers; {@link #flush()}, which a transport calls before it
 * acknowledges, commits everything buffered in one transaction and throws if it cannot, so those
 * messages are not acknowledged and the broker keeps them. A message with an id is stored once
 * however often it is delivered; one without (the Python clients send none) is stored each time,
 * which happens only when the archiver died between committing and the acknowledgement.
 *
 * <p>When the database stops answering, flush throws and the archiver is "down": the next delivery
 * waits in {@link #onDelivery} (which holds up the transport's delivery thread, so nothing else is
 * taken from the queue) while the database is tried again with back-off. When it answers, the
 * deliveries are stored as if nothing had happened; the ones returned meanwhile come again.
 *
 * <p>A body that is not a chat message, or that the database refuses, goes into
 * {@code unreadable_messages} with its raw bytes and the reason: nothing is dropped.
 */
public final class Archiver implements DeliveryHandler, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);

  private final Database database;
  private final ArchiveListener listener;
  private final Backoff backoff;
  /** Guards {@link #buffer} and {@link #missed}; held only briefly. */
  private final Object bufferLock = new Object();
  /** Held for a whole commit, so flushes never overlap and never acknowledge another's rows. */
  private final Object writeLock = new Object();
  private final Object reconnectLock = new Object();
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private List<Delivery> buffer = new ArrayList<>();
  /** A delivery was refused while stopping with the database down: the next flush must fail. */
  private boolean missed;
  private BatchWriter writer;
  private volatile boolean down;
  private volatile boolean stopping;
  private long downSince;

  public Archiver(Database database, ArchiveListener listener, Backoff backoff) {
    this.database = database;
    this.listener = listener;
    this.backoff = backoff;
  }

  /** Connects and creates the tables; throws an {@link ArchiveException} if the database cannot be used. */
  public Archiver open() {
    writer = newWriter();
    return this;
  }

  @Override
  public void onDelivery(Delivery delivery) {
    if (down) {
      awaitDatabase();
    }
    synchronized (bufferLock) {
      if (down) {
        missed = true; // stopping: it was never stored, so the flush that follows must not let it be acknowledged
        return;
      }
      buffer.add(delivery);
    }
  }

  /** Commits what was buffered; throws if it cannot, so the transport acknowledges none of it. */
  @Override
  public void flush() {
    synchronized (writeLock) {
      List<Delivery> batch;
      boolean lost;
      synchronized (bufferLock) {
        batch = buffer;
        lost = missed;
        buffer = new ArrayList<>();
        missed = false;
      }
      if (lost || (down && !batch.isEmpty())) {
        throw new ArchiveException(ArchiveException.Kind.UNREACHABLE,
            "the database is unreachable; the messages stay in the queue");
      }
      if (batch.isEmpty()) {
        return;
      }
      Rows rows = Rows.of(batch, database.dialect());
      try {
        record(rows, writer.write(rows));
      } catch (SQLException e) {
        if (!writer.alive()) {
          throw wentDown(e);
        }
        LOG.warn("the database refused a batch of {} ({}); storing its messages one by one", rows.size(),
            Database.oneLine(e));
        oneByOne(batch);
      }
    }
  }

  /** A batch the database refused while it still answers: each row alone, a refused one as unreadable. */
  private void oneByOne(List<Delivery> batch) {
    for (Delivery delivery : batch) {
      Rows rows = Rows.of(List.of(delivery), database.dialect());
      try {
        record(rows, writer.write(rows));
      } catch (SQLException e) {
        if (!writer.alive()) {
          throw wentDown(e);
        }
        Rows refused = new Rows();
        refused.unreadable.add(new Rows.UnreadableRow(Rows.utc(delivery.receivedAt()), delivery.body(),
            "the database refused it: " + Database.oneLine(e)));
        try {
          record(refused, writer.write(refused));
        } catch (SQLException again) {
          throw Database.classify(again, "cannot store a message the database refused in " + Dialect.UNREADABLE);
        }
      }
    }
  }

  private void record(Rows rows, long inserted) {
    stored.addAndGet(inserted);
    duplicates.addAndGet(rows.messages.size() - inserted + rows.duplicatesInBatch);
    unreadable.addAndGet(rows.unreadable.size());
  }

  private ArchiveException wentDown(SQLException e) {
    ArchiveException failure = Database.classify(e, "cannot write to " + database.describe());
    synchronized (reconnectLock) {
      if (!down) {
        down = true;
        downSince = System.nanoTime();
        LOG.warn("database down: {}", failure.getMessage());
        listener.databaseDown(failure.getMessage(), backoff.after(1));
      }
    }
    return new ArchiveException(ArchiveException.Kind.UNREACHABLE,
        failure.getMessage() + "; the messages stay in the queue", e);
  }

  /**
   * Blocks until the database answers again, trying with back-off, or until {@link #stop()}. The
   * transport's thread waits here, so no message is taken from the queue meanwhile.
   */
  public void awaitDatabase() {
    synchronized (reconnectLock) {
      int failures = 0;
      while (down && !stopping) {
        Duration wait = backoff.after(++failures);
        try {
          reconnectLock.wait(wait.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (stopping) {
          return;
        }
        try {
          BatchWriter fresh = newWriter();
          synchronized (writeLock) {
            writer.close();
            writer = fresh;
          }
          down = false;
          Duration downtime = Duration.ofNanos(System.nanoTime() - downSince);
          LOG.info("database back after {} ms", downtime.toMillis());
          listener.databaseBack(downtime);
        } catch (ArchiveException e) {
          LOG.info("database still down: {}", e.getMessage());
          listener.databaseDown(e.getMessage(), backoff.after(failures + 1));
        }
      }
    }
  }

  private BatchWriter newWriter() {
    java.sql.Connection connection = database.connect();
    try {
      return new BatchWriter(connection, database.dialect());
    } catch (SQLException e) {
      Database.closeQuietly(connection);
      throw Database.classify(e, "cannot use " + database.describe());
    }
  }

  /** Whether the last write failed because the database did not answer. */
  public boolean isDown() {
    return down;
  }

  /** Ends any wait for the database; what was not stored is not acknowledged. */
  public void stop() {
    stopping = true;
    synchronized (reconnectLock) {
      reconnectLock.notifyAll();
    }
  }

  /** Messages stored so far (new rows in user_messages). */
  public long stored() {
    return stored.get();
  }

  /** Bodies stored in unreadable_messages so far. */
  public long unreadable() {
    return unreadable.get();
  }

  /** Messages delivered again whose id was already stored, so they were not stored twice. */
  public long duplicates() {
    return duplicates.get();
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    stop();
    synchronized (writeLock) {
      if (writer != null) {
        writer.close();
      }
    }
  }
}
