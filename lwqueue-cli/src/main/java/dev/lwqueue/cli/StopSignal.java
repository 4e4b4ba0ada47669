package dev.lwqueue.cli;

import dev.lwqueue.core.TransportException;
import java.util.concurrent.CountDownLatch;

/**
 * Ends a long-running command: the user's Ctrl-C (an interrupt of the waiting thread), a message
 * limit, or a connection lost for good.
 */
final class StopSignal {

  private final CountDownLatch latch = new CountDownLatch(1);
  private volatile ExitCode exitCode = ExitCode.OK;
  private volatile TransportException failure;

  void stop(ExitCode code) {
    exitCode = code;
    latch.countDown();
  }

  void fail(TransportException reason) {
    failure = reason;
    latch.countDown();
  }

  /** Waits for a stop; an interrupt (Ctrl-C) is a normal stop. Throws the failure, if any. */
  ExitCode await() {
    try {
      latch.await();
    } catch (InterruptedException e) {
      return ExitCode.OK;
    }
    if (failure != null) {
      throw failure;
    }
    return exitCode;
  }
}
