package dev.lwqueue.pubsub;

import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The SSL context of an HTTP client that only speaks plaintext (to the emulator). Without one,
 * the JDK's {@code HttpClient} builder takes {@code SSLContext.getDefault()}, which loads the JDK's
 * TLS and parses its trust store: 10 MB of an idle subscriber's memory that a plaintext endpoint
 * never uses. This one is never initialised, and fails loudly if anything asks it for TLS.
 */
final class PlaintextSslContext extends SSLContext {

  PlaintextSslContext() {
    super(new Refusing(), null, "plaintext");
  }

  private static final class Refusing extends SSLContextSpi {

    private static IllegalStateException refused() {
      return new IllegalStateException("TLS is not used for a plaintext endpoint");
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
      throw refused();
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      throw refused();
    }
  }
}
