package dev.lwqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChatMessageTest {

  @Test
  void stampedMessagesCarryDistinctVersion4Ids() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String id = ChatMessage.stamped("a", "b").id();
      UUID uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      ids.add(id);
    }
    assertThat(ids).hasSize(100_000);
  }

  /**
   * Issue 9, defect 8: from one id seen on the wire nobody may compute the sender's next id. With
   * ids from {@code ThreadLocalRandom} (SplitMix64: each output is an invertible mix of a seed that
   * grows by a per-thread constant) the two halves of one id gave away seed and step, hence every
   * following id.
   */
  @Test
  void theNextIdCannotBePredictedFromOneSeen() {
    for (int i = 0; i < 20; i++) {
      String seen = ChatMessage.stamped("a", "b").id();
      String next = ChatMessage.stamped("a", "b").id();
      assertThat(SplitMix.predictNext(seen)).doesNotContain(next);
    }
  }

  /** The attack: undo ThreadLocalRandom's output mix to get its seeds, then run it forward. */
  private static final class SplitMix {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final long M1 = 0xff51afd7ed558ccdL;
    private static final long M2 = 0xc4ceb9fe1a85ec53L;

    static Set<String> predictNext(String id) {
      UUID uuid = UUID.fromString(id);
      Set<String> predictions = new HashSet<>();
      // The variant overwrote two bits of the second output, the version four of the first.
      for (long top = 0; top < 4; top++) {
        long second = unmix((uuid.getLeastSignificantBits() & ~(0xC000L << 48)) | (top << 62));
        for (long version = 0; version < 16; version++) {
          long first = unmix((uuid.getMostSignificantBits() & ~0xF000L) | (version << 12));
          long gamma = second - first; // the golden gamma plus twice the thread id
          if ((gamma & 1) == 1 && Long.compareUnsigned(gamma - GOLDEN_GAMMA, 1L << 40) < 0) {
            long nextHigh = (mix(second + gamma) & ~0xF000L) | 0x4000L;
            long nextLow = (mix(second + 2 * gamma) & ~(0xC000L << 48)) | (0x8000L << 48);
            predictions.add(new UUID(nextHigh, nextLow).toString());
          }
        }
      }
      return predictions;
    }

    private static long mix(long z) {
      z = (z ^ (z >>> 33)) * M1;
      z = (z ^ (z >>> 33)) * M2;
      return z ^ (z >>> 33);
    }

    private static long unmix(long z) {
      z = z ^ (z >>> 33);
      z *= inverse(M2);
      z = z ^ (z >>> 33);
      z *= inverse(M1);
      return z ^ (z >>> 33);
    }

    /** The inverse of an odd number modulo 2^64, by Newton's iteration. */
    private static long inverse(long odd) {
      long x = odd;
      for (int i = 0; i < 6; i++) {
        x *= 2 - odd * x;
      }
      return x;
    }
  }
}
