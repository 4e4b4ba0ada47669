package dev.lwqueue.cli;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where settings come from besides the command line, in two levels: the process environment, then
 * a {@code .env} file in the working directory (the original exercise's, so {@code direnv allow}
 * and a plain {@code .env} both work). Every setting's rule is command line, then environment,
 * then {@code .env}, then default ({@link EnvDefaults}).
 */
public interface Env {

  /** The two levels below the command line, highest first. */
  enum Level {
    ENVIRONMENT,
    DOTENV
  }

  /** The value of a variable at one level, or {@code null} when unset or blank there. */
  String get(String name, Level level);

  /** The value of a variable, from the environment, else {@code .env}; {@code null} when unset or blank. */
  default String get(String name) {
    String value = get(name, Level.ENVIRONMENT);
    return value != null ? value : get(name, Level.DOTENV);
  }

  static Env system() {
    // Without a .env file the environment is all there is; not loading dotenv then saves a
    // one-shot command about 30 ms of start-up.
    if (!Files.exists(Path.of(".env"))) {
      return layered(System.getenv(), Map.of());
    }
    Dotenv dotenv = Dotenv.configure().ignoreIfMissing().ignoreIfMalformed().load();
    Map<String, String> file = new HashMap<>();
    for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
      file.put(entry.getKey(), entry.getValue());
    }
    return layered(System.getenv(), file);
  }

  /** Variables of the environment alone, no {@code .env}. */
  static Env of(Map<String, String> environment) {
    return layered(environment, Map.of());
  }

  /** An environment and the contents of a {@code .env} file. */
  static Env layered(Map<String, String> environment, Map<String, String> dotenv) {
    return (name, level) -> blankToNull((level == Level.ENVIRONMENT ? environment : dotenv).get(name));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
