package dev.lwqueue.core;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an action shortly after it was first requested, once for any number of requests in
 * between: the way to flush buffered output or send batched acknowledgements without doing it per
 * message, and without holding anything back for long when traffic stops.
 *
 * <p>Actions run on one daemon thread shared by the whole process, so they must be short and
 * must not block; an action that throws is not run again until the next request.
 */
public final class CoalescedTask {

  private final Runnable action;
  private final long delayNanos;
  private final AtomicBoolean scheduled = new AtomicBoolean();

  public CoalescedTask(Runnable action, Duration delay) {
    this.action = action;
    this.delayNanos = delay.toNanos();
  }

  /** Makes sure the action runs within the delay; cheap when it is already due. */
  public void request() {
    if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
      Timer.EXECUTOR.schedule(this::run, delayNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void run() {
    // Cleared before running, so a request that arrives during the action gets a run of its own.
    scheduled.set(false);
    action.run();
  }

  /** The shared thread, started on first use only: a one-shot command never pays for it. */
  private static final class Timer {
    static final ScheduledThreadPoolExecutor EXECUTOR =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "lwqueue-coalesced");
              t.setDaemon(true);
              return t;
            });
  }
}
