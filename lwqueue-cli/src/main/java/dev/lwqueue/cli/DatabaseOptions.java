package dev.lwqueue.cli;

import dev.lwqueue.archive.Database;
import picocli.CommandLine.Option;

/**
 * Which database the archive lives in, and the credentials for it, kept off the command line. A
 * picocli mixin shared by {@code archive} and {@code stats}.
 */
public final class DatabaseOptions {

  static final String DEFAULT_DB = "lwqueue.duckdb";

  @Option(
      names = "--db",
      paramLabel = "PATH|URL",
      defaultValue = DEFAULT_DB,
      description = "The archive: a DuckDB file (created when missing; nothing to install), or "
          + "jdbc:postgresql://HOST[:PORT]/DATABASE, or jdbc:clickhouse://HOST:8123/DATABASE "
          + "(default: ${DEFAULT-VALUE} in the current directory; env LWQUEUE_DB).")
  String db;

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      description = "Database user (env LWQUEUE_DB_USER; for ClickHouse also CLICKHOUSE_USER). "
          + "Without it, what the URL or the driver's defaults say.")
  String user;

  @Option(
      names = "--db-password",
      paramLabel = "PASSWORD",
      arity = "0..1",
      interactive = true,
      description = "Database password. Give the option without a value to be prompted for it; otherwise "
          + "it comes from env LWQUEUE_DB_PASSWORD (for ClickHouse also CLICKHOUSE_PASSWORD) or .env. "
          + "A password given here shows in ps and in your shell history.")
  char[] password;

  /** The database these options name; nothing is opened yet, and no driver loaded. */
  Database database(Env env) {
    if (db == null || db.isBlank()) {
      throw new UserError(ExitCode.USAGE, "--db needs a file path or a JDBC URL");
    }
    String target = db.strip();
    boolean clickHouse = target.regionMatches(true, 0, "jdbc:clickhouse:", 0, 16)
        || target.regionMatches(true, 0, "jdbc:ch:", 0, 8);
    String name = user != null ? user : clickHouse ? env.get("CLICKHOUSE_USER") : null;
    char[] secret = password;
    if (secret == null && clickHouse && env.get("CLICKHOUSE_PASSWORD") != null) {
      secret = env.get("CLICKHOUSE_PASSWORD").toCharArray();
    }
    return Database.of(target, name, secret);
  }
}
