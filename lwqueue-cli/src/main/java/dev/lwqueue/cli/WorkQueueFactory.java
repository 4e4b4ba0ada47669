package dev.lwqueue.cli;

import dev.lwqueue.core.work.WorkQueues;
import dev.lwqueue.pubsub.PubSubWorkQueues;
import dev.lwqueue.rabbitmq.RabbitWorkQueues;

/** Opens the work queues of the backend the connection options name (webhook, dead-letters). */
final class WorkQueueFactory {

  private WorkQueueFactory() {}

  static WorkQueues open(ConnectionOptions options) {
    options.requireOptionsOf(options.backend());
    return switch (options.backend()) {
      case rabbitmq -> RabbitWorkQueues.connect(options.rabbitMq());
      case pubsub -> {
        Logging.routeJavaUtilLogging(options.pubSub());
        yield PubSubWorkQueues.connect(options.pubSub());
      }
    };
  }
}
