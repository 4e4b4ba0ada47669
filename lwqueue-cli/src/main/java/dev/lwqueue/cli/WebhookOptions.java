package dev.lwqueue.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How {@code webhook} delivers: the timeout, the retry schedule with Cloud Tasks' names and
 * meanings, and the limits. A picocli mixin.
 */
public final class WebhookOptions {

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "How long one attempt may take, connecting included; no 2xx answer within it is a failed "
          + "attempt (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--min-backoff", paramLabel = "DURATION", defaultValue = "1s", converter = MillisDurationConverter.class,
      description = "The wait before the first retry; it doubles with each further retry (default: ${DEFAULT-VALUE}).")
  Duration minBackoff;

  @Option(names = "--max-backoff", paramLabel = "DURATION", defaultValue = "5m", converter = MillisDurationConverter.class,
      description = "The longest wait between two attempts (default: ${DEFAULT-VALUE}).")
  Duration maxBackoff;

  @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "10",
      description = "Attempts per message, the first included; after the last one the message becomes a dead letter "
          + "(default: ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "10",
      description = "The most requests in flight at once (default: ${DEFAULT-VALUE}).")
  int maxConcurrent;

  @Option(names = "--max-rate", paramLabel = "PER_SECOND", defaultValue = "0",
      description = "The most requests started per second, 0 for no limit (default: ${DEFAULT-VALUE}).")
  double maxRate;
}
