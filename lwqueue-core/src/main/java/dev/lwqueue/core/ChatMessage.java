package dev.lwqueue.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

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
   * A version-4 UUID: 122 random bits from the operating system ({@link RandomIds}), so that no id
   * can be predicted from ids seen before. Predictable ids would let a sender pre-send decoys with
   * somebody else's next ids, which receivers would then drop as duplicates of the real messages.
   */
  static String randomId() {
    return RandomIds.uuid().toString();
  }
}
