package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.AMQConnection;
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

  /**
   * Loads and initialises the client's connection factory and the properties it announces, which {@link #connect} needs first:
   * for a caller with a spare core while it does something else (the CLI, while it parses its
   * command line). Safe to call from any thread, any number of times.
   */
  public static void preload() {
    new ConnectionFactory();
    AMQConnection.defaultClientProperties(); // reads the client's version from a resource in the jar
  }

  /** Connects and declares the exchange; fails fast with a one-line {@link dev.lwqueue.core.TransportException}. */
  public static ChatTransport connect(RabbitMqSettings settings) {
    ChatTransport transport = PortableTransport.open(events -> RabbitMqDriver.connect(settings, events));
    LOG.info("connected to {} (exchange {}, connection '{}', heartbeat {} s)", settings.maskedUri(),
        settings.exchange(), settings.connectionName(), settings.heartbeat().toSeconds());
    return transport;
  }
}
