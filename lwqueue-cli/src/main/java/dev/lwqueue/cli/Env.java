package dev.lwqueue.cli;

import io.github.cdimascio.dotenv.Dotenv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where settings come from besides the command line: the process environment first, then a
 * {@code .env} file in the working directory (the original exercise's, so {@code direnv allow} and
 * a plain {@code .env} both work).
 */
@FunctionalInterface
public interface Env {

  /** The value of a variable, or {@code null} when unset or blank. */
  String get(String name);

  static Env system() {
    // Without a .env file the environment is all there is; not loading dotenv then saves a
    // one-shot command about 30 ms of start-up.
    if (!Files.exists(Path.of(".env"))) {
      return name -> blankToNull(System.getenv(name));
    }
    Dotenv dotenv = Dotenv.configure().ignoreIfMissing().ignoreIfMalformed().load();
    return name -> blankToNull(dotenv.get(name, null));
  }

  static Env of(Map<String, String> values) {
    return name -> blankToNull(values.get(name));
  }

  default boolean isSet(String name) {
    return get(name) != null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
