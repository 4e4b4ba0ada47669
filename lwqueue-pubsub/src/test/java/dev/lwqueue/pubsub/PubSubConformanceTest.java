package dev.lwqueue.pubsub;

import dev.lwqueue.core.Capabilities;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.testkit.TransportConformanceSuite;

/** The shared transport contract, on Google's Pub/Sub emulator. */
class PubSubConformanceTest extends TransportConformanceSuite {

  @Override
  protected ChatTransport openTransport(String room) {
    return PubSubTransport.connect(PubSubEmulator.settings(room));
  }

  @Override
  protected Capabilities capabilities() {
    return PubSubTransport.CAPABILITIES;
  }

  @Override
  protected void cleanUpRoom(String room) {
    PubSubEmulator.deleteTopic(room);
  }

  @Override
  protected void deleteNamedSubscription(String name) {
    PubSubEmulator.deleteSubscription(name);
  }
}
