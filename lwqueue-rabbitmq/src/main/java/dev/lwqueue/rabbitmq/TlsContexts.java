package dev.lwqueue.rabbitmq;

import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS set-up that verifies the server: the JDK's trusted authorities, or the one in a CA file.
 * amqp-client's own {@code useSslProtocol()} trusts every certificate, which is why it is not used.
 */
final class TlsContexts {

  private TlsContexts() {}

  static SSLContext sslContext(RabbitMqSettings settings) throws Exception {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(settings.caFile() == null ? null : trustStore(settings.caFile()));
    KeyManagerFactory keys = null;
    if (settings.clientCertificate() != null) {
      keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      char[] password =
          settings.clientCertificatePassword() == null ? new char[0] : settings.clientCertificatePassword().toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(readable(settings.clientCertificate(), "client certificate"))) {
        store.load(in, password);
      }
      keys.init(store, password);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore trustStore(Path caFile) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    CertificateFactory certificates = CertificateFactory.getInstance("X.509");
    try (InputStream in = Files.newInputStream(readable(caFile, "CA file"))) {
      int i = 0;
      for (Certificate certificate : certificates.generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      if (i == 0) {
        throw new TransportException(Kind.BAD_CONFIGURATION, "CA file " + caFile + " holds no certificate");
      }
    }
    return store;
  }

  private static Path readable(Path file, String what) {
    if (!Files.isReadable(file)) {
      throw new TransportException(Kind.BAD_CONFIGURATION, what + " " + file + " cannot be read");
    }
    return file;
  }
}
