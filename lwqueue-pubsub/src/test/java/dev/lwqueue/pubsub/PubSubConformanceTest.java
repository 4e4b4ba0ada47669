package dev.lwqueue.pubsub;

import dev.lwqueue.core.Capabilities;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.testkit.TransportConformanceSuite;
import java.net.InetSocketAddress;

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
  protected InetSocketAddress brokerAddress() {
    String host = PubSubEmulator.host();
    int colon = host.lastIndexOf(':');
    return new InetSocketAddress(host.substring(0, colon), Integer.parseInt(host.substring(colon + 1)));
  }

  @Override
  protected ChatTransport openTransportVia(String room, InetSocketAddress address) {
    return PubSubTransport.connect(
        PubSubSettings.emulator(address.getHostString() + ":" + address.getPort(), PubSubEmulator.PROJECT).withTopic(room));
  }

  @Override
  protected boolean subscriptionExists(String name) {
    return PubSubEmulator.subscriptionExists(name);
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
