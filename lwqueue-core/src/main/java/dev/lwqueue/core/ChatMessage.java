package dev.lwqueue.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One chat line as it travels on the wire: {@code {"username": ..., "message": ...}}.
 *
 * <p>{@code id} and {@code sentAt} are optional extras a sender may add; the Python clients of the
 * original exercise send neither, so nothing may depend on them being present.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatMessage(
    @JsonProperty("username") String username,
    @JsonProperty("message") String message,
    @JsonProperty("id") String id,
    @JsonProperty("sent_at") Instant sentAt) {

  public ChatMessage {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(message, "message");
  }

  /** A message exactly like the original exercise sends it: no id, no timestamp. */
  public static ChatMessage of(String username, String message) {
    return new ChatMessage(username, message, null, null);
  }

  /** A message with a fresh id and the current time, so receivers can de-duplicate and order it. */
  public static ChatMessage stamped(String username, String message) {
    return new ChatMessage(username, message, randomId(), Instant.now());
  }

  /**
   * A version-4 UUID from {@link ThreadLocalRandom}: unique enough to tell messages apart, which
   * is all an id is for. {@link UUID#randomUUID()} would seed a {@code SecureRandom} first, some
   * 30 ms of a one-shot {@code send-message}, for unpredictability nobody needs here.
   */
  static String randomId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
    return new UUID(high, low).toString();
  }
}
