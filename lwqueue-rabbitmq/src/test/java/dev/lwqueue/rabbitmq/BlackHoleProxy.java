package dev.lwqueue.rabbitmq;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of the test broker that can make connections die silently, the
 * way a pulled cable or a forgetful NAT does: bytes are swallowed in both directions and no socket
 * is closed, so only heartbeats can tell. New connections after {@link #thaw()} work again.
 */
public final class BlackHoleProxy implements AutoCloseable {

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Pair> pairs = new CopyOnWriteArrayList<>();
  private volatile boolean frozen;
  private final AtomicInteger swallowPublishes = new AtomicInteger();

  public BlackHoleProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static BlackHoleProxy forTestBroker() throws IOException {
    RabbitMqSettings broker = RabbitMqSettings.fromUri(TestBroker.amqpUri());
    return new BlackHoleProxy(broker.host(), broker.port());
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Every open connection goes silent for good; new ones are silent too until {@link #thaw()}. */
  public void freeze() {
    frozen = true;
    pairs.forEach(p -> p.dead = true);
  }

  public void thaw() {
    frozen = false;
  }

  /**
   * The next {@code n} connections that publish a message die silently right at that publish: the
   * message never reaches the broker and no confirmation comes back.
   */
  public void swallowPublishes(int n) {
    swallowPublishes.set(n);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        Pair pair = new Pair(client, upstream);
        pair.dead = frozen;
        pairs.add(pair);
        pump(pair, client.getInputStream(), upstream.getOutputStream(), true);
        pump(pair, upstream.getInputStream(), client.getOutputStream(), false);
      } catch (IOException e) {
        // closed, or the broker refused: the client sees its connection fail
      }
    }
  }

  private void pump(Pair pair, InputStream from, OutputStream to, boolean clientToBroker) {
    Thread t = new Thread(() -> {
      try {
        if (clientToBroker) {
          forwardFrames(pair, new DataInputStream(from), to);
        } else {
          byte[] buffer = new byte[16384];
          int n;
          while ((n = from.read(buffer)) >= 0) {
            if (!pair.dead) {
              to.write(buffer, 0, n);
              to.flush();
            }
          }
        }
      } catch (IOException e) {
        // the other side went away
      }
      // A dead pair closes nothing: the client must find out by itself.
      if (!pair.dead) {
        pair.closeQuietly();
      }
    }, "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  /** Client to broker, frame by frame (AMQP 0-9-1), so a basic.publish can be recognised. */
  private void forwardFrames(Pair pair, DataInputStream in, OutputStream out) throws IOException {
    byte[] header = new byte[8]; // "AMQP" 0 0 9 1
    in.readFully(header);
    write(pair, out, header, header.length);
    while (true) {
      byte[] frameHeader = new byte[7];
      in.readFully(frameHeader);
      int type = frameHeader[0] & 0xFF;
      int size = ((frameHeader[3] & 0xFF) << 24) | ((frameHeader[4] & 0xFF) << 16)
          | ((frameHeader[5] & 0xFF) << 8) | (frameHeader[6] & 0xFF);
      byte[] rest = new byte[size + 1]; // payload and frame-end octet
      in.readFully(rest);
      boolean publish = type == 1 && size >= 4 && rest[0] == 0 && rest[1] == 60 && rest[2] == 0 && rest[3] == 40;
      if (publish && !pair.dead && swallowPublishes.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        pair.dead = true;
      }
      byte[] frame = new byte[7 + rest.length];
      System.arraycopy(frameHeader, 0, frame, 0, 7);
      System.arraycopy(rest, 0, frame, 7, rest.length);
      write(pair, out, frame, frame.length);
    }
  }

  private static void write(Pair pair, OutputStream out, byte[] bytes, int length) throws IOException {
    if (!pair.dead) {
      out.write(bytes, 0, length);
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    pairs.forEach(Pair::closeQuietly);
  }

  private static final class Pair {
    final Socket client;
    final Socket upstream;
    volatile boolean dead;

    Pair(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void closeQuietly() {
      try {
        client.close();
      } catch (IOException e) {
        // already closed
      }
      try {
        upstream.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
