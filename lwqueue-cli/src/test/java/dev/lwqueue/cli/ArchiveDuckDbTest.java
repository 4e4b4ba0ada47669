package dev.lwqueue.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** archive and stats into a DuckDB file (the default database). */
class ArchiveDuckDbTest extends ArchiveCliContract {

  @TempDir Path dir;

  @Override
  String db() {
    return dir.resolve("chat.duckdb").toString();
  }

  @Override
  String jdbcUrl() {
    return "jdbc:duckdb:" + db();
  }
}
