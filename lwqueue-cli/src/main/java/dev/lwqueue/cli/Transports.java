package dev.lwqueue.cli;

import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.pubsub.PubSubTransport;
import dev.lwqueue.rabbitmq.RabbitMqTransport;

/** Opens the transport the connection options name. The only place the CLI picks a backend. */
final class Transports {

  private Transports() {}

  /** Loads what opening this backend needs first (see the backends' {@code preload}). */
  static void preload(Backend backend) {
    switch (backend) {
      case rabbitmq -> RabbitMqTransport.preload();
      case pubsub -> PubSubTransport.preload();
    }
  }

  static ChatTransport open(ConnectionOptions options) {
    options.requireOptionsOf(options.backend());
    return switch (options.backend()) {
      case rabbitmq -> RabbitMqTransport.connect(options.rabbitMq());
      case pubsub -> {
        Logging.routeJavaUtilLogging(options.pubSub());
        yield PubSubTransport.connect(options.pubSub());
      }
    };
  }
}
