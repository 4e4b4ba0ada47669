package dev.lwqueue.cli;

import dev.lwqueue.cli.output.PrintFormat;
import dev.lwqueue.cli.output.SimpleFormat;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.Delivery;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The training run that the build records the start-up cache from: JDK 25's AOT cache ({@code
 * -XX:AOTCacheOutput}) and, on JDK 17, the AppCDS archive ({@code -XX:ArchiveClassesAtExit}); see
 * the CLI's pom and the launcher. It runs lwqueue's own commands through the same factory as
 * {@link Main} ({@link Main#run}), so the cache holds what those runs load and link:
 * {@code --version}, the help, a refused option, a {@code subscribe} that receives one message
 * and the {@code send-message} that sends it, and a send to a closed port.
 *
 * <p>The connection part needs a broker on 127.0.0.1:5672 with guest/guest (a developer's or
 * CI's); without one the cache is smaller, never wrong, and the build does not fail. It uses a
 * room of its own, so nobody's chat sees the training message. Only the chat commands are run:
 * commands other features add are not needed to record the cache.
 */
public final class CdsTraining {

  static final String ROOM = "lwqueue-cds-training";
  private static final String URL = "amqp://guest:guest@127.0.0.1:5672/";

  private CdsTraining() {}

  /**
   * {@code --pubsub} trains the Pub/Sub backend's runs in place of RabbitMQ's: against the emulator
   * that {@code PUBSUB_EMULATOR_HOST} names, else against a closed port, which still loads the
   * REST client and its failure path (never Google's credentials or the JDK's TLS: an emulator run
   * loads neither, and a cache's classes are all loaded at every start). RabbitMQ's client stays out of that cache: a cache is
   * resident whole, and Pub/Sub runs never load it (JDK 25: 53.5 -> 51.1 MB). {@code --oneshot}
   * runs only what a one-shot command does ({@code --version}, one {@code send-message} and its
   * failure path), for the lean cache the launcher gives those: a JDK 25 AOT cache loads every
   * class it holds at each start, so a cache without the subscriber's, the views' and the JSON
   * mapper's classes starts a one-shot command sooner (README, "Performance").
   */
  public static void main(String[] args) throws Exception {
    Path log = Files.createTempFile("lwqueue-cds-training", ".log");
    System.setProperty(Logging.FILE_PROPERTY, log.toString());
    boolean pubSub = java.util.Arrays.asList(args).contains("--pubsub");
    try {
      // What Main.main does before it runs a command, the warm-up included (its classes, for the
      // backend this cache is for; the training runs commands without main).
      Main.disableGroovyLookup();
      Logging.configure(false);
      Interrupts.interruptOnStopSignals(Thread.currentThread());
      Env.system().get("LWQUEUE_BACKEND");
      StartupWarmup.start(pubSub ? new String[] {"--backend", "pubsub"} : new String[0]).join();
      if (java.util.Arrays.asList(args).contains("--oneshot")) {
        trainOneShot();
        return;
      }
      train(!pubSub);
      if (pubSub) {
        trainPubSub();
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static void train(boolean rabbitMq) throws Exception {
    // What Env.system() loads when a .env file is there (the build's directory has none).
    io.github.cdimascio.dotenv.Dotenv.configure().ignoreIfMissing().ignoreIfMalformed().load().get("LWQUEUE_BACKEND", null);

    run(new PrintWriter(Writer.nullWriter()), "--version");
    run(new PrintWriter(Writer.nullWriter()), "send-message", "--help");
    for (String command : new String[] {"send-message", "subscribe", "bench"}) {
      run(new PrintWriter(Writer.nullWriter()), command, "--bogus-option-for-training");
    }
    byte[] body = ChatCodec.encode(ChatMessage.stamped("cds", "training"));
    Delivery delivery = Delivery.of(body, false, Map.of());
    new PrintFormat().format(delivery);
    new SimpleFormat(true, ZoneId.systemDefault()).format(delivery);
    if (!rabbitMq) {
      return;
    }

    subscribeAndSend("--url", URL, "--exchange", ROOM);
    sendToClosedPort();
  }

  /** The failure path of a connection, as a one-shot command meets it when the broker is down. */
  private static void sendToClosedPort() {
    int closedPort = closedPort();
    if (closedPort < 0) {
      return;
    }
    run(new PrintWriter(Writer.nullWriter()), "send-message", "--url", "amqp://guest:guest@127.0.0.1:" + closedPort + "/",
        "--exchange", ROOM, "--username", "cds", "--message", "training");
  }

  private static void trainOneShot() {
    run(new PrintWriter(Writer.nullWriter()), "--version");
    run(new PrintWriter(Writer.nullWriter()), "send-message", "--url", URL, "--exchange", ROOM, "--username", "cds",
        "--message", "training");
    sendToClosedPort();
  }

  private static void trainPubSub() throws InterruptedException {
    String emulator = System.getenv("PUBSUB_EMULATOR_HOST");
    if (emulator != null && !emulator.isBlank()) {
      subscribeAndSend("--backend", "pubsub", "--emulator-host", emulator, "--topic", ROOM);
      return;
    }
    int closedPort = closedPort();
    if (closedPort > 0) {
      run(new PrintWriter(Writer.nullWriter()), "send-message", "--backend", "pubsub", "--emulator-host",
          "127.0.0.1:" + closedPort, "--connect-timeout", "1", "--topic", ROOM, "--username", "cds", "--message", "training");
    }
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      return -1;
    }
  }

  /** A subscriber waiting for one message, then the one-shot send that gives it that message. */
  private static void subscribeAndSend(String... connection) throws InterruptedException {
    CountDownLatch waiting = new CountDownLatch(1);
    Writer subscriberOutput = new Writer() {
      @Override
      public void write(char[] chars, int offset, int length) {
        if (new String(chars, offset, length).contains("Waiting for messages")) {
          waiting.countDown();
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    int[] subscribeCode = {-1};
    Thread subscriber = new Thread(() -> subscribeCode[0] = run(new PrintWriter(subscriberOutput, true),
        concat(new String[] {"subscribe"}, connection, new String[] {"--max-messages", "1"})), "cds-subscribe");
    subscriber.start();
    if (!waiting.await(10, TimeUnit.SECONDS)) {
      subscriber.interrupt();
      subscriber.join(5_000);
      System.err.println("lwqueue training: no broker for " + String.join(" ", connection) + " (subscribe exited "
          + subscribeCode[0] + "): the cache covers start-up only");
      return;
    }
    run(new PrintWriter(Writer.nullWriter()),
        concat(new String[] {"send-message"}, connection, new String[] {"--username", "cds", "--message", "training"}));
    subscriber.join(10_000);
    if (subscriber.isAlive()) {
      subscriber.interrupt();
      subscriber.join(5_000);
    }
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }

  private static int run(PrintWriter out, String... args) {
    PrintWriter err = new PrintWriter(Writer.nullWriter());
    int code = Main.run(args, Env.of(Map.of()), new ByteArrayInputStream(new byte[0]), out, err);
    out.flush();
    return code;
  }
}
