package dev.lwqueue.cli;

import dev.lwqueue.archive.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** archive and stats into a database of the test's own on the local PostgreSQL. */
class ArchivePostgresTest extends ArchiveCliContract {

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
  String db() {
    return postgres.url();
  }

  @Override
  String jdbcUrl() {
    return postgres.url();
  }
}
