package dev.lwqueue.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ExceptionHandler;
import com.rabbitmq.client.RecoveryDelayHandler;
import dev.lwqueue.core.TransportException;
import java.util.List;

/** Builds a {@link ConnectionFactory} from {@link RabbitMqSettings}. */
final class RabbitConnections {

  /** Back-off between reconnect attempts after a lost connection, then every 10 s. */
  private static final List<Long> RECOVERY_DELAYS_MS = List.of(500L, 1000L, 2000L, 4000L, 8000L, 10000L);

  private RabbitConnections() {}

  static ConnectionFactory factory(RabbitMqSettings settings, ExceptionHandler exceptionHandler) {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(settings.host());
    factory.setPort(settings.port());
    factory.setUsername(settings.username());
    factory.setPassword(settings.password());
    factory.setVirtualHost(settings.virtualHost());
    int timeoutMs = (int) settings.connectTimeout().toMillis();
    factory.setConnectionTimeout(timeoutMs);
    factory.setHandshakeTimeout(timeoutMs);
    factory.setShutdownTimeout(2000);
    // Heartbeats are what notice a connection that died silently (a cable pulled, a frozen NAT):
    // two missed beats and the connection counts as lost, and recovery begins.
    factory.setRequestedHeartbeat((int) Math.max(1, settings.heartbeat().toSeconds()));
    factory.setExceptionHandler(exceptionHandler);
    // Announced to whoever looks at the room (lwqueue who, the management UI).
    java.util.Map<String, Object> properties = new java.util.HashMap<>(factory.getClientProperties());
    String version = RabbitConnections.class.getPackage().getImplementationVersion();
    properties.put(ClientProperties.LWQUEUE, version == null ? "dev" : version);
    if (settings.displayName() != null) {
      properties.put(ClientProperties.DISPLAY_NAME, settings.displayName());
    }
    factory.setClientProperties(properties);
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setRecoveryDelayHandler(new RecoveryDelayHandler.ExponentialBackoffDelayHandler(RECOVERY_DELAYS_MS));
    if (settings.tls()) {
      try {
        // Not useSslProtocol(context) nor setSslContextFactory: in amqp-client 5.x both always
        // verify the host name, which would make --no-verify-hostname a lie. A TLS socket factory
        // is all blocking IO needs; host name verification is switched on below when wanted.
        factory.setSocketFactory(TlsContexts.sslContext(settings).getSocketFactory());
      } catch (TransportException e) {
        throw e;
      } catch (Exception e) {
        throw new TransportException(TransportException.Kind.TLS_FAILED,
            "cannot set up TLS: " + RabbitErrors.oneLine(e.getMessage()), e);
      }
      if (settings.verifyHostname()) {
        factory.enableHostnameVerification();
      }
    }
    return factory;
  }
}
