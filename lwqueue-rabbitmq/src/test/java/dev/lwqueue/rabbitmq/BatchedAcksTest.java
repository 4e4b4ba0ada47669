package dev.lwqueue.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BatchedAcksTest {

  private final List<Long> sent = new CopyOnWriteArrayList<>();

  @Test
  void aFullBatchIsAcknowledgedAtOnceWithOneMultipleAck() {
    BatchedAcks acks = new BatchedAcks(sent::add, 4, Duration.ofHours(1));
    for (long tag = 1; tag <= 9; tag++) {
      acks.handled(tag);
    }
    assertThat(sent).containsExactly(4L, 8L);
  }

  @Test
  void whatIsLeftOfABatchIsAcknowledgedWhenTrafficStops() {
    BatchedAcks acks = new BatchedAcks(sent::add, 100);
    acks.handled(1);
    acks.handled(2);
    acks.handled(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> sent.contains(3L));
    // Under load the idle flush may come between two deliveries; it never repeats a tag.
    assertThat(sent).isSorted().doesNotHaveDuplicates().endsWith(3L);
  }

  @Test
  void flushAcknowledgesEverythingHandledAndNeverTheSameTagTwice() {
    BatchedAcks acks = new BatchedAcks(sent::add, 100, Duration.ofHours(1));
    acks.handled(1);
    acks.handled(2);
    acks.flush();
    acks.flush();
    assertThat(sent).containsExactly(2L);
  }

  @Test
  void aFailedAcknowledgementIsNotRetriedForTheSameTags() {
    List<Long> attempts = new CopyOnWriteArrayList<>();
    BatchedAcks acks = new BatchedAcks(tag -> {
      attempts.add(tag);
      throw new com.rabbitmq.client.AlreadyClosedException(null);
    }, 100, Duration.ofHours(1));
    acks.handled(5);
    acks.flush();
    acks.flush();
    assertThat(attempts).containsExactly(5L);
  }

  @Test
  void theBatchIsAQuarterOfThePrefetchAndNeverZero() {
    assertThat(BatchedAcks.batchSizeFor(500)).isEqualTo(125);
    assertThat(BatchedAcks.batchSizeFor(1)).isEqualTo(1);
  }
}
