package dev.lwqueue.cli.tui.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatInputTest {

  @Test
  void parsesMessagesAndCommands() {
    assertThat(ChatInput.parse("hello")).isEqualTo(new ChatInput.Send("hello"));
    assertThat(ChatInput.parse("//etc/hosts")).isEqualTo(new ChatInput.Send("/etc/hosts"));
    assertThat(ChatInput.parse("   ")).isEqualTo(new ChatInput.Nothing());
    assertThat(ChatInput.parse("/help")).isEqualTo(new ChatInput.Help());
    assertThat(ChatInput.parse("/QUIT")).isEqualTo(new ChatInput.Quit());
    assertThat(ChatInput.parse("/nick  Bob Smith ")).isEqualTo(new ChatInput.Nick("Bob Smith"));
    assertThat(ChatInput.parse("/nick")).isEqualTo(new ChatInput.Problem("usage: /nick NAME"));
    assertThat(ChatInput.parse("/nick " + "x".repeat(200))).isInstanceOf(ChatInput.Problem.class);
    assertThat(ChatInput.parse("/who")).isEqualTo(new ChatInput.Who());
    assertThat(ChatInput.parse("/msg bob  see you at 5 ")).isEqualTo(new ChatInput.PrivateMessage("bob", "see you at 5"));
    assertThat(ChatInput.parse("/msg bob")).isEqualTo(new ChatInput.Problem("usage: /msg ACCOUNT text"));
    assertThat(ChatInput.parse("/msg")).isEqualTo(new ChatInput.Problem("usage: /msg ACCOUNT text"));
    assertThat(ChatInput.parse("/dance now")).isEqualTo(new ChatInput.Problem("unknown command /dance: type /help"));
  }
}
