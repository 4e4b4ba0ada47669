package dev.lwqueue.archive;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DuckDbArchiveTest extends ArchiveContract {

  @TempDir Path dir;

  @Override
  Database database() {
    return Database.of(dir.resolve("archive.duckdb").toString(), null, null);
  }
}
