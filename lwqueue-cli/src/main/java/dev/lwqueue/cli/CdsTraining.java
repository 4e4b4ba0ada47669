package dev.lwqueue.cli;

import dev.lwqueue.cli.output.LinePrinter;
import dev.lwqueue.cli.output.PrintFormat;
import dev.lwqueue.cli.output.SimpleFormat;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The training run that the build records an AppCDS archive from ({@code
 * -XX:ArchiveClassesAtExit}, see the CLI's pom): it loads what {@code send-message} and
 * {@code subscribe} load, so the launcher's runs map those classes from the archive instead of
 * reading, verifying and linking them from the jar.
 *
 * <p>The connection part needs a broker on 127.0.0.1:5672 with guest/guest (a developer's or
 * CI's); without one the archive is smaller, never wrong, and the build does not fail. It uses a
 * room of its own, so nobody's chat sees the training message.
 */
public final class CdsTraining {

  static final String ROOM = "lwqueue-cds-training";

  private CdsTraining() {}

  public static void main(String[] args) throws Exception {
    Path log = Files.createTempFile("lwqueue-cds-training", ".log");
    System.setProperty(Logging.FILE_PROPERTY, log.toString());
    try {
      train();
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static void train() throws Exception {
    Logging.configure(false);
    Interrupts.interruptOnStopSignals(Thread.currentThread());
    Env.system().get("LWQUEUE_BACKEND");
    // What Env.system() loads when a .env file is there (the build's directory has none).
    io.github.cdimascio.dotenv.Dotenv.configure().ignoreIfMissing().ignoreIfMalformed().load().get("LWQUEUE_BACKEND", null);
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    Env env = Env.of(Map.of());
    var noInput = new ByteArrayInputStream(new byte[0]);
    for (String command : new String[] {"send-message", "subscribe", "bench"}) {
      String[] args = {command, "--bogus-option-for-training"};
      Main.commandLineFor(args, env, noInput, nowhere, nowhere).execute(args);
    }
    byte[] body = ChatCodec.encode(ChatMessage.stamped("cds", "training"));
    Delivery delivery = Delivery.of(body, false, Map.of());
    new PrintFormat().format(delivery);
    new SimpleFormat(true, ZoneId.systemDefault()).format(delivery);

    RabbitMqSettings settings = RabbitMqSettings.of("127.0.0.1", 5672, "guest", "guest").withExchange(ROOM);
    try (ChatTransport transport = RabbitMqTransport.connect(settings)) {
      CountDownLatch received = new CountDownLatch(1);
      LinePrinter printer = new LinePrinter(nowhere, new PrintFormat());
      transport.subscribe(SubscribeOptions.temporary(), d -> {
        printer.onDelivery(d);
        received.countDown();
      });
      transport.publish(ChatMessage.stamped("cds", "training")).get(5, TimeUnit.SECONDS);
      received.await(5, TimeUnit.SECONDS);
      printer.flush();
    } catch (RuntimeException e) {
      System.err.println("lwqueue CDS training: no broker on 127.0.0.1:5672 (" + e.getMessage()
          + "): the archive covers start-up only");
    }
    // The failure path of a connection too, as a one-shot command meets it when the broker is down.
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int closedPort = socket.getLocalPort();
      socket.close();
      RabbitMqTransport.connect(RabbitMqSettings.of("127.0.0.1", closedPort, "guest", "guest")).close();
    } catch (RuntimeException | IOException expected) {
      // the point was to load the classes of the failure
    }
  }
}
