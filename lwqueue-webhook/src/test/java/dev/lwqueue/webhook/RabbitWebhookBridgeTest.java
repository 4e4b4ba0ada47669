package dev.lwqueue.webhook;

import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.work.WorkQueues;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.RabbitWorkQueues;
import dev.lwqueue.rabbitmq.TestBroker;

/** The webhook bridge on RabbitMQ: a durable queue, a dead-letter exchange and queue. */
class RabbitWebhookBridgeTest extends WebhookBridgeContract {

  @Override
  protected ChatTransport room() {
    return RabbitMqTransport.connect(TestBroker.settings(name));
  }

  @Override
  protected WorkQueues workQueues() {
    return RabbitWorkQueues.connect(TestBroker.settings(name));
  }

  @Override
  protected void cleanUp() {
    TestBroker.deleteQueue(name);
    TestBroker.deleteQueue(RabbitWorkQueues.deadLetterQueue(name));
    TestBroker.deleteExchange(name);
  }
}
