package dev.lwqueue.pubsub;

import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.testkit.RecordingHandler;
import java.util.concurrent.TimeUnit;

/**
 * A chat round trip on the emulator, in a JVM of its own (see {@link EmulatorClassesTest}): connect,
 * subscribe, publish, receive, close. Arguments: the emulator's {@code host:port} and a topic.
 */
public final class EmulatorRoundTrip {

  private EmulatorRoundTrip() {}

  public static void main(String[] args) throws Exception {
    try (ChatTransport transport = PubSubTransport.connect(PubSubSettings.emulator(args[0], PubSubEmulator.PROJECT)
        .withTopic(args[1]))) {
      RecordingHandler received = new RecordingHandler();
      transport.subscribe(SubscribeOptions.temporary(), received);
      transport.publish(ChatMessage.of("probe", "round trip")).get(30, TimeUnit.SECONDS);
      received.awaitText("round trip");
    }
    System.out.println("round trip done");
  }
}
