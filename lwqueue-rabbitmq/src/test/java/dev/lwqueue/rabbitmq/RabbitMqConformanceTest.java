package dev.lwqueue.rabbitmq;

import dev.lwqueue.core.Capabilities;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.testkit.TransportConformanceSuite;

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
  protected void cleanUpRoom(String room) {
    TestBroker.deleteExchange(room);
  }

  @Override
  protected void deleteNamedSubscription(String name) {
    TestBroker.deleteQueue(name);
  }
}
