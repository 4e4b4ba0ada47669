package dev.lwqueue.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  @Test
  void doublesFromMinBackoffUpToMaxBackoffForMaxAttemptsMinusOneRetries() {
    RetryPolicy policy = RetryPolicy.of(Duration.ofSeconds(1), Duration.ofSeconds(10), 7);
    assertThat(policy.schedule()).containsExactly(
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
        Duration.ofSeconds(10), Duration.ofSeconds(10));
    assertThat(policy.retriesAfter(6)).isTrue();
    assertThat(policy.retriesAfter(7)).isFalse();
  }

  @Test
  void afterMaxDoublingsTheWaitGrowsLinearly() {
    // Cloud Tasks' documented example: min 10 s, max 300 s, max_doublings 3 -> 10, 20, 40, 80, 160, 240, 300, 300
    RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(300), 9, 3);
    assertThat(policy.schedule()).containsExactly(
        Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(80),
        Duration.ofSeconds(160), Duration.ofSeconds(240), Duration.ofSeconds(300), Duration.ofSeconds(300));
  }

  @Test
  void oneAttemptMeansNoRetry() {
    RetryPolicy policy = RetryPolicy.of(ms(100), ms(100), 1);
    assertThat(policy.schedule()).isEmpty();
    assertThat(policy.retriesAfter(1)).isFalse();
  }

  @Test
  void aLongerRetryAfterWinsAShorterOneDoesNot() {
    RetryPolicy policy = RetryPolicy.of(ms(100), ms(1000), 5);
    assertThat(policy.nextDelay(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(policy.nextDelay(3, ms(50))).isEqualTo(ms(400));
    assertThat(policy.nextDelay(2, null)).isEqualTo(ms(200));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> RetryPolicy.of(ms(100), ms(50), 3)).hasMessageContaining("--max-backoff");
    assertThatThrownBy(() -> RetryPolicy.of(ms(1), ms(2), 0)).hasMessageContaining("--max-attempts");
  }

  @Test
  void readsRetryAfterAsSecondsOrAnHttpDate() {
    Instant now = Instant.parse("2026-11-30T12:00:00Z");
    assertThat(RetryAfter.parse("7", now)).isEqualTo(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("Mon, 30 Nov 2026 12:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Mon, 30 Nov 2026 11:00:00 GMT", now)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", now)).isNull();
    assertThat(RetryAfter.parse(null, now)).isNull();
    assertThat(RetryAfter.parse("-3", now)).isNull();
  }

  @Test
  void theRateLimiterSpacesStartsEvenly() {
    RateLimiter limiter = new RateLimiter(4); // one every 250 ms
    long t0 = 1_000_000_000L;
    assertThat(limiter.reserve(t0)).isZero();
    assertThat(limiter.reserve(t0)).isEqualTo(250_000_000L);
    assertThat(limiter.reserve(t0 + 100_000_000L)).isEqualTo(400_000_000L);
    // After a pause the next request may go at once, but no burst builds up.
    assertThat(limiter.reserve(t0 + 5_000_000_000L)).isZero();
    assertThat(limiter.reserve(t0 + 5_000_000_000L)).isEqualTo(250_000_000L);
    assertThat(new RateLimiter(0).reserve(t0)).isZero();
  }

  @Test
  void theDefaultQueueNameComesFromTheHost() {
    assertThat(WebhookSettings.defaultQueueName(java.net.URI.create("https://Bot.Example:8443/hooks?x=1")))
        .isEqualTo("webhook-bot.example");
  }
}
