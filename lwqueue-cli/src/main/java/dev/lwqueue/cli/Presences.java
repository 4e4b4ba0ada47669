package dev.lwqueue.cli;

import dev.lwqueue.core.Presence;
import dev.lwqueue.pubsub.PubSubPresence;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.admin.RoomPresence;

/** Who is in the room, from the backend the connection options name: the CLI only picks one. */
final class Presences {

  private Presences() {}

  static Presence of(ConnectionOptions connection, ManagementOptions management) {
    connection.requireOptionsOf(connection.backend());
    return switch (connection.backend()) {
      case rabbitmq -> {
        RabbitMqSettings settings = connection.rabbitMq();
        yield new RoomPresence(management.api(settings), settings);
      }
      case pubsub -> {
        Logging.routeJavaUtilLogging(connection.pubSub());
        yield new PubSubPresence(connection.pubSub());
      }
    };
  }
}
