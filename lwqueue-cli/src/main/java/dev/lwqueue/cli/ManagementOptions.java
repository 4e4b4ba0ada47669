package dev.lwqueue.cli;

import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.admin.ManagementApi;
import java.net.URI;
import picocli.CommandLine.Option;

/** Where RabbitMQ's management API is, for the commands that administer or look at a room. */
public final class ManagementOptions {

  @Option(
      names = "--management-url",
      paramLabel = "URL",
      description = "RabbitMQ management API (default: http://HOST:15672 for the broker's host; env "
          + "LWQUEUE_MANAGEMENT_URL). It uses the same account as the connection options.")
  URI managementUrl;

  /** The management API of the broker these settings reach, as their account. */
  ManagementApi api(RabbitMqSettings broker) {
    URI base = managementUrl != null ? managementUrl : URI.create("http://" + broker.host() + ":15672");
    if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
      throw new UserError(ExitCode.USAGE, "--management-url must be an http:// or https:// URL, not " + base);
    }
    return new ManagementApi(base, broker.username(), broker.password(), broker.connectTimeout());
  }
}
