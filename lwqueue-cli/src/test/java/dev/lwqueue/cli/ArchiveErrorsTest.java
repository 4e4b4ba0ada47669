package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.archive.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One-line errors and distinct exit codes for a database lwqueue cannot use, and for bad bot options. */
class ArchiveErrorsTest {

  @TempDir Path dir;

  @Test
  void aDatabaseLwqueueDoesNotSpeakIsAUrlError() {
    assertOneLineError(CliRun.run("stats", "--db", "jdbc:mysql://localhost/chat"), ExitCode.DATABASE_URL,
        "lwqueue cannot archive into 'jdbc:mysql'");
  }

  @Test
  void nothingListeningIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/chat?password=hunter2";
    CliRun stats = CliRun.run("stats", "--db", url);
    assertOneLineError(stats, ExitCode.DATABASE_UNREACHABLE, "cannot open jdbc:postgresql://127.0.0.1:" + port + "/chat");
    assertThat(stats.err()).doesNotContain("hunter2");
    CliRun archive = CliRun.run("archive", "--queue", "lwq-never-declared", "--db", url);
    assertOneLineError(archive, ExitCode.DATABASE_UNREACHABLE, "cannot open jdbc:postgresql://127.0.0.1:" + port);
  }

  @Test
  void aMissingDatabaseIsADatabaseError() {
    String url = TestPostgres.SERVER;
    assertOneLineError(CliRun.run("stats", "--db", "jdbc:postgresql://" + url + "/lwq_no_such_database?user=postgres"),
        ExitCode.DATABASE_ERROR, "lwq_no_such_database");
  }

  @Test
  void statsOnAnEmptyArchiveSaysSo() {
    CliRun stats = CliRun.run("stats", "--db", dir.resolve("empty.duckdb").toString());
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    assertThat(stats.out()).contains("Messages:          0 from 0 senders").contains("- (fewer than two messages)");
  }

  @Test
  void botOptionsAreChecked() {
    assertOneLineError(CliRun.run("send-message", "--bot", "--message", "hi", "--username", "x"), ExitCode.USAGE,
        "give one of --message, --stdin and --bot");
    assertOneLineError(CliRun.run("send-message", "--bot", "--bot-file", dir.resolve("missing.tsv").toString()),
        ExitCode.BAD_CONFIGURATION, "missing.tsv does not exist");
  }

  private static void assertOneLineError(CliRun r, ExitCode code, String text) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(code.code());
    List<String> lines = r.err().lines().toList();
    assertThat(lines.get(0)).as(r.err()).startsWith("lwqueue: error: ").contains(text);
    // A mistake in the options adds where to read the usage; nothing else follows.
    assertThat(lines.subList(1, lines.size())).as(r.err()).allMatch(l -> l.startsWith("Try 'lwqueue ")).hasSizeLessThan(2);
  }
}
