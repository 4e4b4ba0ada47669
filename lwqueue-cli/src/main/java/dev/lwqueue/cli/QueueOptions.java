package dev.lwqueue.cli;

import dev.lwqueue.core.SubscribeOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --queue NAME}: receive through a named, durable queue (on Pub/Sub: a named subscription)
 * that keeps what is sent while you are away, instead of a temporary one that misses it. A picocli
 * mixin shared by every command that receives ({@code subscribe}, {@code chat}).
 */
public final class QueueOptions {

  /** RabbitMQ's limit on queue names, in UTF-8 bytes. */
  private static final int MAX_NAME_BYTES = 255;

  @Option(
      names = "--queue",
      paramLabel = "NAME",
      description = "Receive through a durable queue of this name (env LWQUEUE_QUEUE): messages sent while "
          + "you are away wait there, and each is acknowledged only once shown. Use the same NAME every "
          + "time to never miss a message; without it, a temporary queue misses what is sent while you are gone.")
  String queue;

  @Option(
      names = "--queue-expiry",
      paramLabel = "DURATION",
      defaultValue = "3d",
      converter = DurationConverter.class,
      description = "Let the broker delete the --queue after it was unused this long, so abandoned queues "
          + "do not pile up: 90s, 30m, 12h, 3d... (default: ${DEFAULT-VALUE}).")
  Duration queueExpiry;

  /**
   * What to subscribe with: {@code --queue}, else what the connection options say (a Pub/Sub
   * {@code --subscription}, or a temporary queue). A bad name is a usage error.
   */
  public SubscribeOptions subscribeOptions(ConnectionOptions connection) {
    return queue == null ? connection.subscribeOptions() : named(queue);
  }

  /** The same for a command that always reads a named queue: {@code --queue}, else this name. */
  public SubscribeOptions subscribeOptions(ConnectionOptions connection, String defaultName) {
    return named(queue == null ? defaultName : queue);
  }

  private SubscribeOptions named(String given) {
    String name = given.strip();
    if (name.isEmpty()) {
      throw new UserError(ExitCode.USAGE, "--queue needs a name that is not blank");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw new UserError(ExitCode.USAGE, "--queue name is longer than " + MAX_NAME_BYTES + " bytes");
    }
    if (name.startsWith("amq.")) {
      throw new UserError(ExitCode.USAGE, "--queue names starting with 'amq.' are reserved by RabbitMQ");
    }
    return SubscribeOptions.named(name).withExpiry(queueExpiry);
  }
}
