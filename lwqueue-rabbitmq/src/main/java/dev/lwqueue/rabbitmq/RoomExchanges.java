package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares the room's exchanges where the account may, and only looks them up where it may not.
 *
 * <p>The room's host (or the {@code python} role) has configure permission on the exchanges: lwqueue
 * declares them on the channel the publisher keeps, so that amqp-client's topology recovery
 * declares them again after a broker restart. A member has not, by design (configure would also let
 * it delete the room): the broker refuses the declaration with 403 ACCESS_REFUSED and closes that
 * channel, and lwqueue looks the exchanges up passively on a fresh one, which needs no permission.
 */
final class RoomExchanges {

  private static final Logger LOG = LoggerFactory.getLogger(RoomExchanges.class);
  private static final int ACCESS_REFUSED = AMQP.ACCESS_REFUSED;
  private static final int NOT_FOUND = AMQP.NOT_FOUND;

  /**
   * @param channel the open channel the publisher uses
   * @param privateMessages whether the private messages' exchange exists (it may not, on a room
   *     that no host opened with lwqueue); without it private messages are unavailable, the room not
   * @param roomDeclared whether this account declared the room (and so declares it again after a
   *     broker restart), rather than only finding it
   */
  record Declared(Channel channel, boolean privateMessages, boolean roomDeclared) {}

  private RoomExchanges() {}

  static Declared declare(Connection connection, RabbitMqSettings settings) throws IOException {
    Channel channel = connection.createChannel();
    // The private exchange first: an account may configure the room but not it (the python role),
    // and a refusal closes the channel, which must not take the room's recorded declaration along.
    boolean privateMessages;
    if (tryDeclare(channel, settings.privateExchange(), BuiltinExchangeType.TOPIC)) {
      privateMessages = true;
    } else {
      channel = connection.createChannel();
      privateMessages = exists(connection, settings.privateExchange());
      if (!privateMessages) {
        LOG.info("no exchange {}: private messages are unavailable in this room", settings.privateExchange());
      }
    }
    boolean roomDeclared = tryDeclare(channel, settings.exchange(), BuiltinExchangeType.FANOUT);
    if (!roomDeclared) {
      LOG.info("account {} may not declare exchange {}: looking it up instead", settings.username(), settings.exchange());
      channel = connection.createChannel();
      if (!exists(connection, settings.exchange())) {
        throw new TransportException(Kind.NOT_FOUND, "room '" + settings.exchange() + "' does not exist on "
            + settings.host() + " and account '" + settings.username() + "' may not create it: ask the room's "
            + "host to open it (lwqueue room open); a broker restart forgets it");
      }
    }
    return new Declared(channel, privateMessages, roomDeclared);
  }

  /** Declares; false when the account may not (the channel is closed then), other errors thrown. */
  private static boolean tryDeclare(Channel channel, String exchange, BuiltinExchangeType type) throws IOException {
    try {
      channel.exchangeDeclare(exchange, type, false, false, null);
      return true;
    } catch (IOException e) {
      if (RabbitErrors.replyCodeIn(e) == ACCESS_REFUSED) {
        return false;
      }
      throw e;
    }
  }

  /** A passive declaration on a channel of its own, which a missing exchange closes. */
  private static boolean exists(Connection connection, String exchange) throws IOException {
    Channel probe = connection.createChannel();
    try {
      probe.exchangeDeclarePassive(exchange);
    } catch (IOException e) {
      if (RabbitErrors.replyCodeIn(e) == NOT_FOUND) {
        return false;
      }
      throw e;
    }
    try {
      probe.close();
    } catch (java.util.concurrent.TimeoutException | IOException e) {
      LOG.debug("closing a probe channel failed", e);
    }
    return true;
  }
}
