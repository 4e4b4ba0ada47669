package dev.lwqueue.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a bridge delivers.
 *
 * @param url where each message is POSTed
 * @param timeout how long an attempt may take, connection included, before it counts as failed
 * @param retry when to try again and when to give up
 * @param maxConcurrent the most requests in flight at once
 * @param maxRate the most requests started per second; 0 for no limit
 * @param secret the signing secret, or {@code null} to send unsigned
 */
public record WebhookSettings(
    URI url, Duration timeout, RetryPolicy retry, int maxConcurrent, double maxRate, WebhookSecret secret) {

  public WebhookSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retry, "retry");
    if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
      throw new IllegalArgumentException("the webhook URL must start with http:// or https://");
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("the webhook URL has no host");
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("--timeout must be positive");
    }
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("--max-concurrent must be at least 1");
    }
    if (maxRate < 0) {
      throw new IllegalArgumentException("--max-rate must not be negative");
    }
  }

  /**
   * How many deliveries the bridge holds at once (in flight or waiting for a retry): enough for
   * every request slot and for messages waiting out their back-off.
   */
  public int prefetch() {
    return Math.max(50, maxConcurrent * 4);
  }

  /**
   * The default queue name for a URL: {@code webhook-} and its host, so two bridges to one
   * receiver share a queue and one to another receiver has its own.
   */
  public static String defaultQueueName(URI url) {
    String host = url.getHost() == null ? "unknown" : url.getHost().toLowerCase(java.util.Locale.ROOT);
    return "webhook-" + host.replaceAll("[^a-z0-9.-]", "-");
  }
}
