package dev.lwqueue.archive;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class PostgresArchiveTest extends ArchiveContract {

  private TestPostgres postgres;

  @BeforeEach
  void create() {
    postgres = new TestPostgres();
  }

  @AfterEach
  void drop() {
    postgres.close();
  }

  @Override
  Database database() {
    return Database.of(postgres.url(), null, null);
  }
}
