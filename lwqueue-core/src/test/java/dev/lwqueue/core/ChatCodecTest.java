package dev.lwqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatCodecTest {

  @Test
  void encodesExactlyTheOriginalFieldsWhenNoExtrasAreSet() throws Exception {
    JsonNode tree = ChatCodec.mapper().readTree(ChatCodec.encode(ChatMessage.of("bob", "hi")));
    assertThat(tree.size()).isEqualTo(2);
    assertThat(tree.get("username").textValue()).isEqualTo("bob");
    assertThat(tree.get("message").textValue()).isEqualTo("hi");
  }

  @Test
  void decodesWhatThePythonOriginalSends() {
    // json.dumps({"username": "bob", "message": "hi"}) with Python's default separators
    ChatCodec.Decoded decoded = ChatCodec.decode(bytes("{\"username\": \"bob\", \"message\": \"hi\"}"));
    assertThat(decoded.ok()).isTrue();
    assertThat(decoded.message()).isEqualTo(ChatMessage.of("bob", "hi"));
  }

  @Test
  void decodesPythonAsciiEscapesOfEmoji() {
    // Python's json.dumps escapes non-ASCII by default (ensure_ascii=True)
    ChatCodec.Decoded decoded =
        ChatCodec.decode(bytes("{\"username\": \"zo\\u00eb\", \"message\": \"\\ud83d\\ude00\"}"));
    assertThat(decoded.message()).isEqualTo(ChatMessage.of("zoë", "😀"));
  }

  @Test
  void roundTripsOptionalFields() {
    ChatMessage sent = new ChatMessage("a", "b", "id-1", Instant.parse("2026-01-02T03:04:05.123Z"));
    assertThat(ChatCodec.decode(ChatCodec.encode(sent)).message()).isEqualTo(sent);
  }

  @Test
  void writesEmojiAsUtf8NotAsSurrogateEscapes() {
    String json = new String(ChatCodec.encode(ChatMessage.of("a", "😀")), StandardCharsets.UTF_8);
    assertThat(json).contains("😀").doesNotContain("\\uD83D");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[1,2]",
        "\"just a string\"",
        "{\"username\":\"a\"}",
        "{\"message\":\"a\"}",
        "{\"username\":1,\"message\":\"a\"}",
        "{\"username\":\"a\",\"message\":null}",
        "{\"username\":\"a\",\"message\":{\"x\":1}}",
        "{\"username\":\"a\",\"message\":\"b\"",
      })
  void bodiesThatAreNotChatMessagesGiveAReasonNotAnException(String body) {
    ChatCodec.Decoded decoded = ChatCodec.decode(bytes(body));
    assertThat(decoded.ok()).isFalse();
    assertThat(decoded.message()).isNull();
    assertThat(decoded.problem()).isNotBlank();
  }

  @Test
  void invalidUtf8IsReportedAsSuch() {
    byte[] body = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThat(ChatCodec.decode(body).problem()).contains("UTF-8");
  }

  @Test
  void badOptionalFieldsDoNotMakeAMessageUndecodable() {
    ChatCodec.Decoded decoded =
        ChatCodec.decode(bytes("{\"username\":\"a\",\"message\":\"b\",\"id\":7,\"sent_at\":\"yesterday\"}"));
    assertThat(decoded.message()).isEqualTo(ChatMessage.of("a", "b"));
  }

  @Test
  void deliveryKeepsTheRawBodyAndTheReason() {
    byte[] body = bytes("\u001b]52;c;aGk=\u0007");
    Delivery d = Delivery.of(body, false, java.util.Map.of());
    assertThat(d.body()).isEqualTo(body);
    assertThat(d.chatMessage()).isEmpty();
    assertThat(d.problem()).isEqualTo("body is not JSON");
  }

  @Test
  void streamingEncodingIsByteForByteWhatTheMapperWrites() throws Exception {
    List<ChatMessage> samples = List.of(
        ChatMessage.of("alice", "hello, room"),
        new ChatMessage("bob", "quotes \" and \\ backslash", "id-1", Instant.parse("2024-05-01T10:15:30Z")),
        new ChatMessage("zoë", "emoji 😀 and a \u001b[31m escape\n", null, Instant.parse("2024-05-01T10:15:30.123456789Z")),
        new ChatMessage("", "", "", Instant.ofEpochSecond(0, 1000)));
    for (ChatMessage message : samples) {
      assertThat(new String(ChatCodec.encode(message), StandardCharsets.UTF_8))
          .isEqualTo(ChatCodec.mapper().writeValueAsString(message));
      assertThat(ChatCodec.decode(ChatCodec.encode(message)).message()).isEqualTo(message);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
