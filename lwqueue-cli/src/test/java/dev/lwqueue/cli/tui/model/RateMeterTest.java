package dev.lwqueue.cli.tui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateMeterTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void measuresOverTheLastSecond() {
    RateMeter meter = new RateMeter();
    meter.sample(0, 0);
    double rate = 0;
    for (int frame = 1; frame <= 90; frame++) { // 3 s at 30 frames/s, 100 messages a frame
      rate = meter.sample(frame * SECOND / 30, frame * 100L);
    }
    assertThat(rate).isCloseTo(3_000, within(1.0));
    // Then nothing arrives for two seconds: the rate falls to zero.
    meter.sample(4 * SECOND, 9_000);
    assertThat(meter.sample(5 * SECOND, 9_000)).isZero();
  }

  @Test
  void formatsSmallAndLargeRates() {
    assertThat(RateMeter.format(0)).isEqualTo("0/s");
    assertThat(RateMeter.format(3.54)).isEqualTo("3.5/s");
    assertThat(RateMeter.format(20_000.4)).isEqualTo("20,000/s");
  }
}
