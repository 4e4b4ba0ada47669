package dev.lwqueue.webhook;

import java.time.Duration;

/**
 * What one POST came to.
 *
 * @param status the HTTP status, or 0 when there was no answer (refused, timed out, reset)
 * @param error a one-line description when it was not a success, else {@code null}
 * @param retryAfter the wait the receiver asked for in {@code Retry-After}, or {@code null}
 */
public record AttemptResult(int status, String error, Duration retryAfter) {

  public static AttemptResult answered(int status, Duration retryAfter) {
    return new AttemptResult(status, success(status) ? null : "HTTP " + status, retryAfter);
  }

  public static AttemptResult noAnswer(String error) {
    return new AttemptResult(0, error, null);
  }

  /** A 2xx answer acknowledges the message; anything else is retried. */
  public boolean delivered() {
    return success(status);
  }

  private static boolean success(int status) {
    return status >= 200 && status < 300;
  }
}
