package dev.lwqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescedTaskTest {

  @Test
  void manyRequestsBeforeTheDelayRunTheActionOnce() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch ran = new CountDownLatch(1);
    CoalescedTask task = new CoalescedTask(() -> { runs.incrementAndGet(); ran.countDown(); }, Duration.ofSeconds(1));
    for (int i = 0; i < 1000; i++) {
      task.request();
    }
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    // A second run could only come from a request made after the first run started.
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void aRequestAfterARunRunsTheActionAgain() throws Exception {
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch second = new CountDownLatch(2);
    CoalescedTask task = new CoalescedTask(() -> { first.countDown(); second.countDown(); }, Duration.ofMillis(1));
    task.request();
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
    task.request();
    assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
