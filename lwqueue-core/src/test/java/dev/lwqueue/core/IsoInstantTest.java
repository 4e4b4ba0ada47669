package dev.lwqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

  @Test
  void writesExactlyWhatInstantToStringWrites() {
    long[][] cases = {
      {0, 0}, {0, 1}, {0, 1_000}, {0, 1_000_000}, {0, 100_000_000}, {0, 999_999_999}, {0, 120_000_000},
      {1_700_000_000L, 5_000}, {1_700_000_000L, 5_000_001}, {-1, 500_000_000}, {253_402_300_799L, 0},
      {253_402_300_800L, 7}, {-62_167_219_200L, 0}, {-62_167_219_201L, 999_000_000}
    };
    for (long[] c : cases) {
      Instant instant = Instant.ofEpochSecond(c[0], c[1]);
      assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 100_000; i++) {
      // Many instants in few seconds, so the cached second is used as well as replaced.
      long second = 1_800_000_000L + random.nextInt(20);
      int nanos = switch (random.nextInt(4)) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(second, nanos);
      assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
    }
  }
}
