package dev.lwqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TerminalTextTest {

  @Test
  void leavesOrdinaryTextAloneIncludingWideAndRightToLeftScripts() {
    String text = "hello, 你好 😀 مرحبا שלום café";
    assertThat(TerminalText.sanitize(text)).isSameAs(text);
    assertThat(TerminalText.isSafe(text)).isTrue();
  }

  // Not a @CsvSource: CSV parsing trims the leading and trailing controls under test.
  static Stream<Arguments> hostile() {
    return Stream.of(
        Arguments.of("CSI clear screen", "\u001b[2J", "\\e[2J"),
        Arguments.of("SGR colour", "\u001b[31mred\u001b[0m", "\\e[31mred\\e[0m"),
        Arguments.of("OSC title with BEL", "\u001b]0;pwned\u0007", "\\e]0;pwned\\x07"),
        Arguments.of("OSC 52 clipboard", "\u001b]52;c;ZXZpbA==\u001b\\", "\\e]52;c;ZXZpbA==\\e\\"),
        Arguments.of("C1 CSI", "\u009b2J", "\\x9b2J"),
        Arguments.of("C1 OSC and ST", "\u009d0;x\u009c", "\\x9d0;x\\x9c"),
        Arguments.of("DEL", "a\u007fb", "a\\x7fb"),
        Arguments.of("NUL", "a\u0000b", "a\\0b"),
        Arguments.of("newline and CR", "a\nb\rc", "a\\nb\\rc"),
        Arguments.of("tab", "a\tb", "a\\tb"),
        Arguments.of("bidi override", "abc\u202egnp.exe", "abc\\u202egnp.exe"),
        Arguments.of("bidi isolate", "\u2066x\u2069", "\\u2066x\\u2069"),
        Arguments.of("zero width space", "a\u200bb", "a\\u200bb"),
        Arguments.of("BOM", "\ufeffa", "\\ufeffa"),
        Arguments.of("line separator", "a\u2028b", "a\\u2028b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void makesControlsVisible(String name, String input, String expected) {
    assertThat(TerminalText.sanitize(input)).isEqualTo(expected);
    assertThat(TerminalText.isSafe(input)).isFalse();
  }

  @Test
  void resultNeverContainsAnyControlCharacter() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x2100; c++) {
      all.append(c);
    }
    String out = TerminalText.sanitize(all.toString());
    assertThat(out.chars().filter(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))).isEmpty();
    assertThat(out).doesNotContain("\u202e", "\u200b", "\u2028");
  }

  @Test
  void loneSurrogatesBecomeReplacementCharacters() {
    assertThat(TerminalText.sanitize("a\ud800b\udc00")).isEqualTo("a\ufffdb\ufffd");
  }

  @Test
  void tagCharactersAreEscapedButEmojiKept() {
    String tagged = "x" + new String(Character.toChars(0xE0041)) + "😀";
    assertThat(TerminalText.sanitize(tagged)).isEqualTo("x\\U000e0041😀");
  }

  @Test
  void nullBecomesEmpty() {
    assertThat(TerminalText.sanitize(null)).isEmpty();
  }

  @Test
  void remoteTextIsOneSafeLineCutToItsLimit() {
    String hostile = "CONNECTION_FORCED - \u001b]0;pwned\u0007\r\n\u001b[2J  next\tline";
    assertThat(TerminalText.remote(hostile)).isEqualTo("CONNECTION_FORCED - \\e]0;pwned\\x07 \\e[2J next line");
    String longReason = "x".repeat(TerminalText.MAX_REMOTE_CHARS + 50);
    assertThat(TerminalText.remote(longReason)).startsWith("x".repeat(TerminalText.MAX_REMOTE_CHARS))
        .endsWith(TerminalText.truncationMarker(50));
    assertThat(TerminalText.remote(null)).isEmpty();
  }

  @Test
  void connectionEventsBecomeSafeText() {
    ConnectionEvent lost = ConnectionEvent.of(ConnectionEvent.State.RECOVERING, "lost: \u001b[2Jbye");
    assertThat(ConnectionEventText.of(lost)).isEqualTo("reconnecting… (lost: \\e[2Jbye)");
    ConnectionEvent back = new ConnectionEvent(ConnectionEvent.State.RECOVERED, "ok", java.time.Duration.ofMillis(3200));
    assertThat(ConnectionEventText.of(back)).isEqualTo("back after 3.2 s");
    ConnectionEvent failed = ConnectionEvent.of(ConnectionEvent.State.FAILED, "gone\u009b");
    assertThat(ConnectionEventText.of(failed)).isEqualTo("gone\\x9b");
  }
}
