package dev.lwqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryTest {

  @Test
  void aChatBodyDecodesOnDemand() {
    Delivery d = Delivery.of(ChatCodec.encode(ChatMessage.of("alice", "hi")), false, Map.of("username", "alice"));
    assertThat(d.message()).isEqualTo(ChatMessage.of("alice", "hi"));
    assertThat(d.problem()).isNull();
    assertThat(d.chatMessage()).contains(ChatMessage.of("alice", "hi"));
    assertThat(d.attributes()).containsEntry("username", "alice");
  }

  @Test
  void aForeignBodyKeepsItsBytesAndSaysWhy() {
    byte[] body = "not json".getBytes(StandardCharsets.UTF_8);
    Delivery d = Delivery.of(body, true, Map.of());
    assertThat(d.message()).isNull();
    assertThat(d.problem()).isEqualTo("body is not JSON");
    assertThat(d.bodyText()).isEqualTo("not json");
    assertThat(d.redelivered()).isTrue();
  }

  @Test
  void aDeliveryBuiltWithItsDecodingKeepsIt() {
    ChatMessage message = ChatMessage.of("bob", "yo");
    Delivery d = new Delivery("whatever".getBytes(StandardCharsets.UTF_8), message, null,
        java.time.Instant.EPOCH, false, Map.of());
    assertThat(d.message()).isSameAs(message);
  }
}
