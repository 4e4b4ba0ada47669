package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up's guess of the backend, made before picocli parses anything. */
class StartupWarmupTest {

  @Test
  void theBackendOptionWinsOverTheEnvironment() {
    assertThat(StartupWarmup.likelyBackend(List.of("subscribe", "--backend", "pubsub"), "rabbitmq"))
        .isEqualTo(Backend.pubsub);
    assertThat(StartupWarmup.likelyBackend(List.of("subscribe", "--backend=pubsub"), null)).isEqualTo(Backend.pubsub);
    assertThat(StartupWarmup.likelyBackend(List.of("subscribe", "--backend", "rabbitmq"), "pubsub"))
        .isEqualTo(Backend.rabbitmq);
  }

  @Test
  void theEnvironmentThenRabbitMq() {
    assertThat(StartupWarmup.likelyBackend(List.of("send-message"), "pubsub")).isEqualTo(Backend.pubsub);
    assertThat(StartupWarmup.likelyBackend(List.of("send-message"), null)).isEqualTo(Backend.rabbitmq);
    assertThat(StartupWarmup.likelyBackend(List.of("send-message", "--backend"), null)).isEqualTo(Backend.rabbitmq);
    assertThat(StartupWarmup.likelyBackend(List.of(), "nonsense")).isEqualTo(Backend.rabbitmq);
  }

  @Test
  void warmsUpEitherBackendWithoutFailing() {
    StartupWarmup.run(Backend.rabbitmq);
    StartupWarmup.run(Backend.pubsub);
  }

  @Test
  void aWarmUpThreadEnds() throws InterruptedException {
    Thread warmUp = StartupWarmup.start(new String[] {"send-message"});
    warmUp.join(30_000);
    assertThat(warmUp.isAlive()).isFalse();
    assertThat(warmUp.isDaemon()).isTrue();
  }

  /** The command's mixins are read too, and every command's annotations read without failing (a failure would be swallowed). */
  @Test
  void readsTheCommandsAndItsMixinsAnnotationsAhead() {
    assertThat(StartupWarmup.readAnnotationsAhead(SendMessageCommand.class))
        .startsWith(SendMessageCommand.class)
        .contains(CommonOptions.class, ConnectionOptions.class, UsernameOption.class, BotOptions.class)
        .endsWith(Object.class)
        .doesNotHaveDuplicates();
    java.io.PrintWriter sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
    Main.commandLine(Env.of(java.util.Map.of()), sink, sink).getSubcommands().values().forEach(sub ->
        assertThat(StartupWarmup.readAnnotationsAhead(sub.getCommandSpec().userObject().getClass())).isNotEmpty());
    assertThat(Main.commandClassFor("send-message")).isEqualTo(SendMessageCommand.class);
    assertThat(Main.commandClassFor("--help")).isNull();
  }
}
