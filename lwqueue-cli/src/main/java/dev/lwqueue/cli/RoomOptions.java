package dev.lwqueue.cli;

import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.admin.RoomAdmin;
import dev.lwqueue.rabbitmq.admin.RoomPermissions;
import picocli.CommandLine.Mixin;

/** What every {@code room} subcommand needs: the host's connection and the management API. */
public final class RoomOptions {

  @Mixin ConnectionOptions connection;
  @Mixin ManagementOptions management;

  /** The host's settings: rooms are RabbitMQ's; Pub/Sub grants access through IAM instead. */
  RabbitMqSettings settings(boolean passwordRequired) {
    if (connection.backend() != Backend.rabbitmq) {
      throw new UserError(ExitCode.USAGE, "rooms are administered on RabbitMQ; on Pub/Sub, access is granted "
          + "with IAM roles on the topic and subscriptions (see the README)");
    }
    connection.requireOptionsOf(Backend.rabbitmq);
    return connection.rabbitMq(passwordRequired);
  }

  RoomAdmin admin() {
    RabbitMqSettings settings = settings(true);
    return new RoomAdmin(management.api(settings), settings);
  }

  /** An account name the room commands accept: the check they share. */
  void requireAccount(String account) {
    if (!RoomPermissions.ACCOUNT.matcher(account).matches()) {
      throw new UserError(ExitCode.USAGE, "account name '" + account + "' is not allowed: use 1 to 64 letters, "
          + "digits, '-' or '_', starting with a letter or digit");
    }
  }
}
