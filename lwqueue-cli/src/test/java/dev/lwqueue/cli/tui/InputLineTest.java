package dev.lwqueue.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

class InputLineTest {

  private final InputLine line = new InputLine(20);

  private String type(String text) {
    String entered = null;
    for (int i = 0; i < text.length(); i++) {
      entered = line.onKey(new KeyStroke(text.charAt(i), false, false));
    }
    return entered;
  }

  private String key(KeyType type) {
    return line.onKey(new KeyStroke(type));
  }

  @Test
  void anEmojiIsOneCharacterToEditAndBackspace() {
    type("a🎉b");
    assertThat(line.text()).isEqualTo("a🎉b");
    key(KeyType.ArrowLeft);
    key(KeyType.Backspace);
    assertThat(line.text()).isEqualTo("ab");
    assertThat(line.cursor()).isEqualTo(1);
  }

  @Test
  void unsafeCharactersAreNotAccepted() {
    type("a\u202Eb\u0085c\u200Bd");
    assertThat(line.text()).isEqualTo("abcd");
  }

  @Test
  void enterReturnsTheLineAndUpDownWalkTheHistoryKeepingTheDraft() {
    type("first");
    assertThat(key(KeyType.Enter)).isEqualTo("first");
    type("second");
    key(KeyType.Enter);
    type("draft");
    key(KeyType.ArrowUp);
    assertThat(line.text()).isEqualTo("second");
    key(KeyType.ArrowUp);
    assertThat(line.text()).isEqualTo("first");
    key(KeyType.ArrowUp);
    assertThat(line.text()).isEqualTo("first");
    key(KeyType.ArrowDown);
    key(KeyType.ArrowDown);
    assertThat(line.text()).isEqualTo("draft");
  }

  @Test
  void controlKeysEditAndTheLengthIsBounded() {
    type("one two three");
    line.onKey(new KeyStroke('w', true, false));
    assertThat(line.text()).isEqualTo("one two ");
    line.onKey(new KeyStroke('a', true, false));
    type(">");
    assertThat(line.text()).isEqualTo(">one two ");
    line.onKey(new KeyStroke('e', true, false));
    line.onKey(new KeyStroke('u', true, false));
    assertThat(line.text()).isEmpty();
    type("x".repeat(50));
    assertThat(line.text()).hasSize(20);
  }
}
