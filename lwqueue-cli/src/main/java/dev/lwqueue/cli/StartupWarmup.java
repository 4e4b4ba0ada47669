package dev.lwqueue.cli;

import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/**
 * Start-up work that nearly every command does once its command line is parsed, started at once
 * on a second thread: picocli builds and parses the command line on the main thread, and
 * meanwhile the other core (for a command whose model the build did not generate, after reading
 * its annotations ahead of picocli) initialises Jackson's generator, the ISO clock format and the
 * random source of message ids, configures logback and loads the backend's client (README,
 * "Performance"). The main thread then finds them ready, or waits for the class being
 * initialised, never for more. Nothing here has an effect a command
 * can see: a message is encoded and thrown away, nothing connects.
 */
final class StartupWarmup {

  private StartupWarmup() {}

  /** Starts the warm-up for a command run with these arguments. */
  static Thread start(String[] args) {
    Backend backend = likelyBackend(List.of(args), System.getenv("LWQUEUE_BACKEND"));
    Class<?> command = args.length == 0 ? null : Main.commandClassFor(args[0]);
    Thread thread = new Thread(() -> runQuietly(command, backend), "lwqueue-warmup");
    thread.setDaemon(true); // never keeps a finished command alive
    thread.start();
    return thread;
  }

  /**
   * The backend the command will most likely open, read before picocli has parsed anything: from
   * {@code --backend} or the environment, else RabbitMQ. A backend named only in {@code .env}
   * warms RabbitMQ's client: a little work wasted on the spare core, nothing wrong.
   */
  static Backend likelyBackend(List<String> args, String environment) {
    // A plain loop: a stream here costs the main thread a few milliseconds of class loading.
    String named = environment;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--backend")) {
        named = i + 1 < args.size() ? args.get(i + 1) : environment;
        break;
      }
      if (arg.startsWith("--backend=")) {
        named = arg.substring("--backend=".length());
        break;
      }
    }
    return "pubsub".equalsIgnoreCase(named) ? Backend.pubsub : Backend.rabbitmq;
  }

  /**
   * A warm-up that fails changes nothing: the command meets the same failure itself and reports
   * it. It must not print a stack trace into the terminal, which an uncaught exception would.
   */
  private static void runQuietly(Class<?> command, Backend backend) {
    try {
      CommandModels models = CommandModels.generated();
      if (command != null && (models == null || !models.builds(command))) {
        readAnnotationsAhead(command);
      }
      run(backend);
    } catch (RuntimeException | LinkageError e) {
      LoggerFactory.getLogger(StartupWarmup.class).debug("start-up warm-up failed", e);
    }
  }

  /**
   * For a command whose model the build did not generate ({@link CommandModels}: those with
   * subcommands of their own), picocli builds the model from its annotations, and the JDK
   * generates a proxy class for each annotation type the first time one is read (eight for {@code send-message}, nearly
   * half of the main thread's time in picocli) and keeps what it parsed per field and method.
   * They are read here in the reverse of picocli's order, the command's last fields and its
   * mixins' first and {@code Object}'s methods (which picocli scans too) last, so that the main
   * thread, starting at the other end, finds most of them done: a one-shot send 9 ms sooner (30
   * interleaved runs, twice; reading in picocli's own order gained nothing). Returns the classes
   * read, {@code Object} last.
   */
  static List<Class<?>> readAnnotationsAhead(Class<?> command) {
    List<Class<?>> read = new ArrayList<>();
    readFieldAnnotationsBackwards(command, read);
    for (Method method : Object.class.getDeclaredMethods()) {
      method.getDeclaredAnnotations();
    }
    read.add(Object.class);
    return read;
  }

  private static void readFieldAnnotationsBackwards(Class<?> type, List<Class<?>> read) {
    read.add(type);
    Field[] fields = type.getDeclaredFields();
    for (int i = fields.length - 1; i >= 0; i--) {
      fields[i].getDeclaredAnnotations();
      if (fields[i].isAnnotationPresent(Mixin.class) && !read.contains(fields[i].getType())) {
        readFieldAnnotationsBackwards(fields[i].getType(), read);
      }
    }
  }

  /**
   * In the order a one-shot send needs them, since the main thread catches up with this one: the
   * message id's random source and Jackson when the message is stamped and encoded, logback when
   * the backend's client first logs, then the client itself.
   */
  static void run(Backend backend) {
    ChatCodec.encode(ChatMessage.stamped("warm-up", ""));
    LoggerFactory.getILoggerFactory();
    Transports.preload(backend);
    if (Runtime.version().feature() >= 21) {
      // System.exit asks this logger whether to log the exit (JDK 21 and later), which finds and
      // starts the JDK's logging backend: done here, the main thread does not wait for it at exit.
      System.getLogger("java.lang.Runtime").isLoggable(System.Logger.Level.DEBUG);
    }
  }
}
