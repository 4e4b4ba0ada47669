package dev.lwqueue.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Turns {@link ChatMessage}s into UTF-8 JSON bodies and back.
 *
 * <p>Decoding never throws: whatever bytes arrive, the caller gets either a message or a one-line
 * reason why the body is not one, so a receiver can show a foreign body instead of dropping it.
 */
public final class ChatCodec {

  // Emoji go out as UTF-8, not as escaped surrogate pairs; Python's json reads both.
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  /**
   * Built on first use only. Encoding writes with the streaming generator instead: a one-shot
   * {@code send-message} then loads a tenth of Jackson's classes, which is most of its start-up.
   */
  private static final class Mapper {
    static final ObjectMapper INSTANCE =
        JsonMapper.builder(FACTORY)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
  }

  private ChatCodec() {}

  /**
   * {@code {"username":...,"message":...}}, then {@code id} and {@code sent_at} (ISO-8601) when
   * present: byte for byte what the mapper writes for {@link ChatMessage}.
   */
  public static byte[] encode(ChatMessage message) {
    // Room for the field names, an id and a timestamp, and text that is mostly ASCII: one buffer,
    // no regrowth, for the common message.
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(128 + message.username().length() + message.message().length() * 5 / 4);
    try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("username", message.username());
      json.writeStringField("message", message.message());
      if (message.id() != null) {
        json.writeStringField("id", message.id());
      }
      if (message.sentAt() != null) {
        json.writeStringField("sent_at", IsoInstant.format(message.sentAt()));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode chat message", e);
    }
    return bytes.toByteArray();
  }

  /** The shared mapper, for callers that write other JSON (for example {@code --mode json}). */
  public static ObjectMapper mapper() {
    return Mapper.INSTANCE;
  }

  /** Decodes a body. The username and message must be JSON strings; every other field is optional. */
  public static Decoded decode(byte[] body) {
    if (body == null || body.length == 0) {
      return Decoded.failure("empty body");
    }
    if (!isValidUtf8(body)) {
      return Decoded.failure("body is not valid UTF-8");
    }
    JsonNode tree;
    try {
      tree = Mapper.INSTANCE.readTree(body);
    } catch (IOException e) {
      return Decoded.failure("body is not JSON");
    }
    if (tree == null || !tree.isObject()) {
      return Decoded.failure("body is JSON but not an object");
    }
    JsonNode username = tree.get("username");
    JsonNode message = tree.get("message");
    if (username == null || !username.isTextual()) {
      return Decoded.failure("no string field \"username\"");
    }
    if (message == null || !message.isTextual()) {
      return Decoded.failure("no string field \"message\"");
    }
    JsonNode id = tree.get("id");
    return Decoded.success(
        new ChatMessage(
            username.textValue(),
            message.textValue(),
            id != null && id.isTextual() ? id.textValue() : null,
            parseInstant(tree.get("sent_at"))));
  }

  /** An optional field must never make a body undecodable: a bad timestamp is simply dropped. */
  private static Instant parseInstant(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(node.textValue());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Whether the bytes are well-formed UTF-8 (no stray continuation bytes, overlongs or surrogates). */
  public static boolean isValidUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The outcome of {@link #decode}: exactly one of {@code message} and {@code problem} is set. */
  public record Decoded(ChatMessage message, String problem) {
    static Decoded success(ChatMessage message) {
      return new Decoded(message, null);
    }

    static Decoded failure(String problem) {
      return new Decoded(null, problem);
    }

    public boolean ok() {
      return message != null;
    }
  }
}
