package dev.lwqueue.cli;

import io.github.cdimascio.dotenv.Dotenv;
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
