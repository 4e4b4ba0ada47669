package dev.lwqueue.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisplayAndDedupTest {

  @Test
  void displayCutsLongTextWithAMarkerAndNeverSplitsASurrogatePair() {
    assertThat(TerminalText.display("short", 10)).isEqualTo("short");
    assertThat(TerminalText.display("x".repeat(25), 10)).isEqualTo("x".repeat(10) + "… [15 more characters not shown]");
    String emoji = "ab😀cd"; // the emoji is two chars, at index 2 and 3
    assertThat(TerminalText.display(emoji, 3)).startsWith("ab…").doesNotContain("\uD83D");
    assertThat(TerminalText.display("\u001b[2J" + "y".repeat(50), 4)).startsWith("\\e[2J…");
  }

  @Test
  void unsafeCodePointsAreTheOnesSanitizeEscapes() {
    for (int cp : new int[] {0, 0x1B, 0x7F, 0x85, 0x9B, 0x202E, 0x200B, 0x2066, 0xFEFF, 0xE0041, 0xD800}) {
      assertThat(TerminalText.isUnsafeCodePoint(cp)).as("U+%04X", cp).isTrue();
    }
    for (int cp : new int[] {'a', 'é', 0x4F60, 0x1F600, 0x05D0}) {
      assertThat(TerminalText.isUnsafeCodePoint(cp)).as("U+%04X", cp).isFalse();
    }
  }

  @Test
  void duplicatesByIdAreShownOnceAndMessagesWithoutIdAlways() {
    List<String> shown = new ArrayList<>();
    DeduplicatingHandler handler = new DeduplicatingHandler(d -> shown.add(d.message().message()), 2);
    handler.onDelivery(delivery("a", "1"));
    handler.onDelivery(delivery("a", "1"));
    handler.onDelivery(delivery(null, "no id"));
    handler.onDelivery(delivery(null, "no id"));
    handler.onDelivery(delivery("b", "2"));
    handler.onDelivery(delivery("c", "3"));
    handler.onDelivery(delivery("a", "1 again, forgotten")); // capacity 2: "a" was evicted
    assertThat(shown).containsExactly("1", "no id", "no id", "2", "3", "1 again, forgotten");
    assertThat(handler.duplicates()).isEqualTo(1);
  }

  @Test
  void aMessageThatCouldNotBeShownIsShownWhenItComesAgain() {
    List<String> shown = new ArrayList<>();
    boolean[] fail = {true};
    DeduplicatingHandler handler = new DeduplicatingHandler(d -> {
      if (fail[0]) {
        throw new IllegalStateException("output gone");
      }
      shown.add(d.message().message());
    });
    assertThatThrownBy(() -> handler.onDelivery(delivery("x", "retry me"))).isInstanceOf(IllegalStateException.class);
    fail[0] = false;
    handler.onDelivery(delivery("x", "retry me"));
    assertThat(shown).containsExactly("retry me");
  }

  private static Delivery delivery(String id, String text) {
    byte[] body = ChatCodec.encode(new ChatMessage("u", text, id, null));
    return Delivery.of(body, false, Map.of());
  }

  @Test
  void utf8Validation() {
    assertThat(ChatCodec.isValidUtf8("héllo 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(ChatCodec.isValidUtf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isFalse();
    assertThat(ChatCodec.isValidUtf8(new byte[] {(byte) 0xC0, (byte) 0xAF})).isFalse();
  }
}
