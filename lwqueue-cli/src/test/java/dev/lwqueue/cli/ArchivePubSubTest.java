package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.pubsub.PubSubEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * archive on the Pub/Sub emulator, fed by {@code send-message --bot}: a named subscription keeps
 * what is sent while the archiver is stopped, and stats counts every quote under its author.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ArchivePubSubTest {

  private final String topic = "lwq-arch-" + UUID.randomUUID().toString().substring(0, 8);
  private final String subscription = topic + "-archive";

  @TempDir Path dir;

  private Map<String, String> env() {
    return PubSubCliEnv.forTopic(topic);
  }

  @AfterEach
  void cleanUp() {
    PubSubEmulator.deleteSubscription(subscription);
    PubSubEmulator.deleteTopic(topic);
  }

  private CliRun startArchive(String db) {
    CliRun run = CliRun.launch(env(), "archive", "--connect-timeout", "30", "--queue", subscription, "--db", db, "--progress-every", "1s");
    run.awaitErr("the archiver's start", err -> err.contains("archiving ") || err.contains("error"), Duration.ofSeconds(60));
    assertThat(run.err()).contains("archiving ");
    return run;
  }

  @Test
  void botQuotesAreArchivedAndWhatWasSentMeanwhileIsCaughtUp() throws Exception {
    String db = dir.resolve("pubsub.duckdb").toString();
    CliRun first = startArchive(db);
    CliRun bot = CliRun.run(env(), "send-message", "--connect-timeout", "30", "--bot", "--bot-wait-s", "0",
        "--bot-count", "50");
    assertThat(bot.exitCode()).as(bot.err()).isZero();
    assertThat(bot.err()).contains("50 of 50 messages confirmed");
    ArchiveCliContract.awaitArchived(first, 50);
    assertThat(first.stop()).as(first.err()).isZero();
    // Pub/Sub tells no backlog without Cloud Monitoring: the line claims no count it cannot know.
    assertThat(first.err()).contains("subscription '").doesNotContain("waiting in the queue");

    Path quotes = dir.resolve("quotes.tsv");
    Files.writeString(quotes, "# two of our own\nAda\tFirst quote.\nno tab here, posted as bot\n", StandardCharsets.UTF_8);
    CliRun fromFile = CliRun.run(env(), "send-message", "--connect-timeout", "30", "--bot", "--bot-wait-s", "0", "--bot-count", "10",
        "--bot-file", quotes.toString());
    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();

    CliRun second = startArchive(db);
    ArchiveCliContract.awaitArchived(second, 10);
    assertThat(second.stop()).as(second.err()).isZero();

    CliRun stats = CliRun.run("stats", "--db", db, "--json", "--messages");
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    JsonNode json = ChatCodec.mapper().readTree(stats.out());
    assertThat(json.get("messages").asLong()).isEqualTo(60);
    Map<String, Integer> fileAuthors = new HashMap<>();
    Set<String> shippedAuthors = new HashSet<>();
    for (Quotes.Quote q : Quotes.shipped()) {
      shippedAuthors.add(q.author() + "|" + q.text());
    }
    long shipped = 0;
    for (JsonNode m : json.get("list")) {
      String author = m.get("username").asText();
      String text = m.get("message").asText();
      if (shippedAuthors.contains(author + "|" + text)) {
        shipped++;
      } else {
        assertThat(author + "|" + text).isIn("Ada|First quote.", "bot|no tab here, posted as bot");
        fileAuthors.merge(author, 1, Integer::sum);
      }
    }
    assertThat(shipped).isEqualTo(50);
    assertThat(fileAuthors.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
  }
}
