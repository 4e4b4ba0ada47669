package dev.lwqueue.rabbitmq;

import dev.lwqueue.core.Capabilities;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.PortableTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the chat on RabbitMQ: the portable transport over a {@link RabbitMqDriver}. */
public final class RabbitMqTransport {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitMqTransport.class);

  /** RabbitMQ's default {@code max_message_size} is 128 MiB. */
  public static final Capabilities CAPABILITIES = new Capabilities(true, true, true, 128 << 20, true);

  private RabbitMqTransport() {}

  /** Connects and declares the exchange; fails fast with a one-line {@link dev.lwqueue.core.TransportException}. */
  public static ChatTransport connect(RabbitMqSettings settings) {
    ChatTransport transport = PortableTransport.open(events -> RabbitMqDriver.connect(settings, events));
    LOG.info("connected to {} (exchange {}, connection '{}', heartbeat {} s)", settings.maskedUri(),
        settings.exchange(), settings.connectionName(), settings.heartbeat().toSeconds());
    return transport;
  }
}
