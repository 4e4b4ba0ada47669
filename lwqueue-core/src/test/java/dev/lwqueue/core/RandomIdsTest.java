package dev.lwqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class RandomIdsTest {

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void idsComeFromTheOperatingSystemAsVersion4Uuids() {
    RandomIds ids = new RandomIds(Path.of("/dev/urandom"));
    assertThat(ids.readsTheOperatingSystem()).isTrue();
    Set<UUID> seen = new HashSet<>();
    int[] ones = new int[128];
    for (int i = 0; i < 10_000; i++) {
      UUID id = ids.next();
      assertThat(id.version()).isEqualTo(4);
      assertThat(id.variant()).isEqualTo(2);
      assertThat(seen.add(id)).as("a repeated id").isTrue();
      for (int bit = 0; bit < 64; bit++) {
        ones[bit] += (int) (id.getMostSignificantBits() >>> bit & 1);
        ones[64 + bit] += (int) (id.getLeastSignificantBits() >>> bit & 1);
      }
    }
    // The 122 random bits are each set about half the time (10,000 draws: 5,000 +- 300 is > 6 sigma).
    for (int bit = 0; bit < 128; bit++) {
      boolean fixed = (bit >= 12 && bit <= 15) || bit == 126 || bit == 127; // version, variant
      if (!fixed) {
        assertThat(ones[bit]).as("bit " + bit).isBetween(4_700, 5_300);
      }
    }
  }

  @Test
  void withoutTheOperatingSystemSourceTheJdksGeneratorServes() {
    RandomIds ids = new RandomIds(Path.of("/nonexistent/random"));
    assertThat(ids.readsTheOperatingSystem()).isFalse();
    UUID id = ids.next();
    assertThat(id.version()).isEqualTo(4);
    assertThat(ids.next()).isNotEqualTo(id);
  }

  @Test
  void chatMessageIdsAreRandomUuids() {
    UUID id = UUID.fromString(ChatMessage.randomId());
    assertThat(id.version()).isEqualTo(4);
    assertThat(ChatMessage.randomId()).isNotEqualTo(id.toString());
  }
}
