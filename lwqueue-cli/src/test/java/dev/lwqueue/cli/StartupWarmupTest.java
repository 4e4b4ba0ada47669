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
}
