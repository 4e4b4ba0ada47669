package dev.lwqueue.rabbitmq;

import dev.lwqueue.core.Capabilities;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.testkit.TransportConformanceSuite;
import java.net.InetSocketAddress;

/** The shared transport contract, on a real RabbitMQ. */
class RabbitMqConformanceTest extends TransportConformanceSuite {

  @Override
  protected ChatTransport openTransport(String room) {
    return RabbitMqTransport.connect(TestBroker.settings(room));
  }

  @Override
  protected Capabilities capabilities() {
    return RabbitMqTransport.CAPABILITIES;
  }

  @Override
  protected InetSocketAddress brokerAddress() {
    RabbitMqSettings broker = RabbitMqSettings.fromUri(TestBroker.amqpUri());
    return new InetSocketAddress(broker.host(), broker.port());
  }

  @Override
  protected ChatTransport openTransportVia(String room, InetSocketAddress address) {
    return RabbitMqTransport.connect(TestBroker.settingsVia(room, address));
  }

  @Override
  protected boolean subscriptionExists(String name) {
    return TestBroker.queueExists(name);
  }

  @Override
  protected void cleanUpRoom(String room) {
    TestBroker.deleteExchange(room);
  }

  @Override
  protected void deleteNamedSubscription(String name) {
    TestBroker.deleteQueue(name);
  }
}
