package dev.lwqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AckBatcherTest {

  /** The last id of each settled batch: what a RabbitMQ driver sends as one multiple ack. */
  private final List<Long> sent = new CopyOnWriteArrayList<>();
  private final Consumer<List<Long>> lastOfBatch = batch -> sent.add(batch.get(batch.size() - 1));

  private AckBatcher<Long> batcher(Consumer<List<Long>> settle, int batchSize, Duration idle) {
    return new AckBatcher<>(new Object(), settle, batchSize, idle);
  }

  @Test
  void aFullBatchIsAcknowledgedAtOnceWithOneMultipleAck() {
    AckBatcher<Long> acks = batcher(lastOfBatch, 4, Duration.ofHours(1));
    for (long tag = 1; tag <= 9; tag++) {
      acks.handled(tag);
    }
    assertThat(sent).containsExactly(4L, 8L);
  }

  @Test
  void whatIsLeftOfABatchIsAcknowledgedWhenTrafficStops() throws InterruptedException {
    AckBatcher<Long> acks = batcher(lastOfBatch, 100, AckBatcher.IDLE_DELAY);
    acks.handled(1L);
    acks.handled(2L);
    acks.handled(3L);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!sent.contains(3L) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(sent).contains(3L);
    // Under load the idle flush may come between two deliveries; it never repeats a tag.
    assertThat(sent).isSorted().doesNotHaveDuplicates().endsWith(3L);
  }

  @Test
  void flushAcknowledgesEverythingHandledAndNeverTheSameTagTwice() {
    AckBatcher<Long> acks = batcher(lastOfBatch, 100, Duration.ofHours(1));
    acks.handled(1L);
    acks.handled(2L);
    acks.flush();
    acks.flush();
    assertThat(sent).containsExactly(2L);
  }

  @Test
  void aFailedAcknowledgementIsNotRetriedForTheSameTags() {
    List<Long> attempts = new CopyOnWriteArrayList<>();
    AckBatcher<Long> acks = batcher(batch -> {
      attempts.add(batch.get(batch.size() - 1));
      throw new IllegalStateException("channel closed");
    }, 100, Duration.ofHours(1));
    acks.handled(5L);
    acks.flush();
    acks.flush();
    assertThat(attempts).containsExactly(5L);
  }

  @Test
  void theBatchIsAQuarterOfThePrefetchAndNeverZero() {
    assertThat(AckBatcher.batchSizeFor(500)).isEqualTo(125);
    assertThat(AckBatcher.batchSizeFor(1)).isEqualTo(1);
  }
}
