package dev.lwqueue.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lwqueue.core.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Names, limits and ranges the transport works out before it talks to Pub/Sub. */
class PubSubNamesTest {

  @Test
  void aTopicIsAnIdInTheProjectOrAFullName() {
    PubSubSettings settings = PubSubSettings.emulator("localhost:8085", null);
    assertThat(settings.withTopic("chat").topicName("p").toString()).isEqualTo("projects/p/topics/chat");
    assertThat(settings.withTopic("projects/other/topics/room").topicName("p").toString())
        .isEqualTo("projects/other/topics/room");
    assertThatThrownBy(() -> settings.withTopic("goog-chat").topicName("p")).isInstanceOf(TransportException.class);
    assertThatThrownBy(() -> settings.withTopic("ab").topicName("p")).isInstanceOf(TransportException.class);
    assertThatThrownBy(() -> settings.withTopic("projects/x").topicName("p")).isInstanceOf(TransportException.class);
  }

  @Test
  void aSubscriptionIsAnIdInTheProjectOrAFullName() {
    assertThat(PubSubSettings.subscriptionName("inbox", "p").toString()).isEqualTo("projects/p/subscriptions/inbox");
    assertThat(PubSubSettings.subscriptionName("projects/q/subscriptions/in", "p").toString())
        .isEqualTo("projects/q/subscriptions/in");
    assertThatThrownBy(() -> PubSubSettings.subscriptionName("1inbox", "p")).isInstanceOf(TransportException.class);
  }

  @Test
  void anEmulatorHostMustBeHostAndPort() {
    assertThatThrownBy(() -> PubSubSettings.emulator("localhost", "p"))
        .isInstanceOf(TransportException.class).hasMessageContaining("HOST:PORT");
  }

  @Test
  void temporarySubscriptionIdsAreValidForTheLongestTopic() {
    String id = SubscriptionSetup.temporaryId("t".repeat(255));
    assertThat(id).hasSize(255).contains("-lwqueue-");
    assertThat(PubSubSettings.subscriptionName(id, "p").subscription()).isEqualTo(id);
    assertThat(SubscriptionSetup.temporaryId("chat")).matches("chat-lwqueue-[0-9a-f]{12}");
  }

  @Test
  void expiryIsKeptWithinWhatPubSubAllows() {
    assertThat(SubscriptionSetup.clamp(Duration.ofMinutes(2))).isEqualTo(Duration.ofDays(1));
    assertThat(SubscriptionSetup.clamp(Duration.ofDays(3))).isEqualTo(Duration.ofDays(3));
    assertThat(SubscriptionSetup.clamp(Duration.ofDays(400))).isEqualTo(Duration.ofDays(31));
  }

  @Test
  void attributeValuesAreCutAtACharacterBoundary() {
    String emoji = "😀".repeat(300); // 4 bytes each
    String cut = PubSubDriver.truncateUtf8(emoji, 1024);
    assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
    assertThat(emoji).startsWith(cut);
    assertThat(PubSubDriver.truncateUtf8("é".repeat(600), 1023).getBytes(StandardCharsets.UTF_8)).hasSize(1022);
    assertThat(PubSubDriver.truncateUtf8("short", 1024)).isEqualTo("short");
  }
}
