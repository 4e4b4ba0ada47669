package dev.lwqueue.archive;

import java.time.Duration;

/** What the archiver tells its user about the database; called on the archiver's threads. */
public interface ArchiveListener {

  /** The database stopped answering; messages wait in the queue and it is tried again after {@code retryIn}. */
  void databaseDown(String reason, Duration retryIn);

  /** The database answers again after being down this long. */
  void databaseBack(Duration downtime);

  ArchiveListener NONE = new ArchiveListener() {
    @Override
    public void databaseDown(String reason, Duration retryIn) {}

    @Override
    public void databaseBack(Duration downtime) {}
  };
}
