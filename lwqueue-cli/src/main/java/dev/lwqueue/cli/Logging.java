package dev.lwqueue.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import dev.lwqueue.pubsub.PubSubSettings;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Logs go to a file, never to the chat's terminal. The file is {@code $LWQUEUE_LOG_FILE}, else
 * {@code $XDG_STATE_HOME/lwqueue/lwqueue.log}, else {@code ~/.local/state/lwqueue/lwqueue.log};
 * LogbackConfigurator reads the properties set here.
 */
final class Logging {

  static final String FILE_PROPERTY = "lwqueue.log.file";
  static final String LEVEL_PROPERTY = "lwqueue.log.level";

  private static boolean julRouted;

  private Logging() {}

  static void configure(boolean verbose) {
    // SLF4J would otherwise look its provider up with a ServiceLoader, which scans the whole class
    // path at start-up, and so would logback's own provider for its configurators: lwqueue's
    // (LogbackProvider) configures logback directly. Naming a provider makes SLF4J say so on
    // stderr unless told not to.
    // Logging starts on the warm-up thread (StartupWarmup), so the main thread may log before it is
    // up: SLF4J keeps those events and replays them into the log, and would also warn about that on
    // stderr, the chat's terminal. Only its errors get there (LoggingStartRaceTest).
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", LogbackProvider.class.getName());
      if (System.getProperty("slf4j.internal.verbosity") == null) {
        System.setProperty("slf4j.internal.verbosity", "ERROR");
      }
    }
    if (System.getProperty(FILE_PROPERTY) == null) {
      System.setProperty(FILE_PROPERTY, defaultLogFile().toString());
    }
    if (verbose) {
      System.setProperty(LEVEL_PROPERTY, "DEBUG");
    }
  }

  /**
   * Google's auth library and its HTTP client, used for Google Cloud's credentials, log through
   * java.util.logging, whose default handler writes to stderr, into the chat's terminal: this
   * sends it to the log file with everything else, its levels following logback's. Called when
   * Pub/Sub on Google Cloud is opened, not at start-up, where setting up java.util.logging cost
   * every command 10 to 15 ms for nothing; a run on the emulator loads neither library.
   */
  static void routeJavaUtilLogging(PubSubSettings pubSub) {
    if (!pubSub.usesEmulator()) {
      routeJavaUtilLogging();
    }
  }

  static synchronized void routeJavaUtilLogging() {
    if (julRouted) {
      return;
    }
    julRouted = true;
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      LevelChangePropagator julLevels = new LevelChangePropagator();
      julLevels.setContext(context);
      julLevels.setResetJUL(true);
      julLevels.start();
      context.addListener(julLevels);
    }
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }

  static Path logFile() {
    String configured = System.getProperty(FILE_PROPERTY);
    return configured != null ? Path.of(configured) : defaultLogFile();
  }

  private static Path defaultLogFile() {
    String explicit = System.getenv("LWQUEUE_LOG_FILE");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String state = System.getenv("XDG_STATE_HOME");
    Path base = state != null && !state.isBlank()
        ? Path.of(state)
        : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("lwqueue").resolve("lwqueue.log");
  }
}
