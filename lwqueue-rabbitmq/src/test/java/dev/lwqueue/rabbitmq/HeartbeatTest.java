package dev.lwqueue.rabbitmq;

import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ConnectionEvent.State;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.testkit.RecordingHandler;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection that dies without a word (no FIN, no RST: every byte swallowed) is noticed through
 * missed heartbeats, and the subscriber comes back once the network does.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HeartbeatTest {

  @Test
  void silentlyDeadConnectionIsDetectedByHeartbeatsAndRecovered() throws Exception {
    String room = "lwq-test-heartbeat-" + UUID.randomUUID().toString().substring(0, 8);
    try (BlackHoleProxy proxy = BlackHoleProxy.forTestBroker()) {
      RabbitMqSettings direct = TestBroker.settings(room);
      RabbitMqSettings viaProxy = RabbitMqSettings.of("127.0.0.1", proxy.port(), direct.username(), direct.password())
          .withVirtualHost(direct.virtualHost()).withExchange(room)
          .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1))
          .withConnectionName("lwq-test-heartbeat");
      try (ChatTransport subscriber = RabbitMqTransport.connect(viaProxy);
          ChatTransport publisher = RabbitMqTransport.connect(direct)) {
        ConnectionEvents events = new ConnectionEvents();
        subscriber.addConnectionListener(events);
        RecordingHandler received = new RecordingHandler();
        subscriber.subscribe(SubscribeOptions.temporary(), received);

        proxy.freeze();
        events.awaitAtLeast(State.RECOVERING, 1, Duration.ofSeconds(30));
        proxy.thaw();
        events.awaitAtLeast(State.RECOVERED, 1, Duration.ofSeconds(60));

        publisher.publish(ChatMessage.of("hal", "after the silence")).join();
        received.awaitText("after the silence");
      }
    } finally {
      TestBroker.deleteExchange(room);
    }
  }
}
