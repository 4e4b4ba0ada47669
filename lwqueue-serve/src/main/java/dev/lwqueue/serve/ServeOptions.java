package dev.lwqueue.serve;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code serve} listens.
 *
 * @param listen the address and port; a port of 0 picks a free one
 * @param token the bearer token every request must carry, or {@code null} for none (loopback only)
 * @param maxBytes the largest request body {@code POST /messages} takes
 * @param publishTimeout how long a post waits for the broker's confirmation before it answers 503
 */
public record ServeOptions(InetSocketAddress listen, String token, int maxBytes, Duration publishTimeout) {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  public ServeOptions {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(publishTimeout, "publishTimeout");
    if (token != null && token.isBlank()) {
      token = null;
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("--max-bytes must be at least 1");
    }
    if (token == null && !loopback(listen)) {
      throw new IllegalArgumentException("listening on " + listen.getHostString()
          + ", which other machines can reach, needs a bearer token: set LWQUEUE_SERVE_TOKEN or --token");
    }
  }

  /** Whether only this machine can reach the address. */
  static boolean loopback(InetSocketAddress address) {
    return address.getAddress() != null && address.getAddress().isLoopbackAddress();
  }
}
