package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lwqueue.pubsub.PubSubEmulator;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The room's features on Pub/Sub, on the emulator: private messages (the emulator ignores
 * subscription filters, so this passes through lwqueue's client-side check), who, and no verified
 * mark ever.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PubSubRoomTest {

  private final String topic = "lwq-room-" + UUID.randomUUID().toString().substring(0, 8);

  private Map<String, String> env() {
    return PubSubCliEnv.forTopic(topic);
  }

  @AfterEach
  void cleanUp() {
    PubSubEmulator.deleteTopic(topic);
  }

  @Test
  void aPrivateMessageReachesItsRecipientAndNotAThirdSubscriber() throws Exception {
    try (CliRun bob = CliRun.launch(env(), "subscribe", "--mode", "simple", "--username", "bob").awaitReady();
        CliRun carol = CliRun.launch(env(), "subscribe", "--mode", "json", "--username", "carol").awaitReady()) {
      CliRun secret = CliRun.run(env(), "send-message", "--username", "alice", "--to", "bob", "--message", "for bob only");
      assertThat(secret.exitCode()).as(secret.err()).isZero();
      CliRun open = CliRun.run(env(), "send-message", "--username", "alice", "--message", "for everybody");
      assertThat(open.exitCode()).as(open.err()).isZero();

      bob.awaitOut("both messages", o -> o.contains("for everybody") && o.contains("for bob only"), Duration.ofSeconds(30));
      assertThat(bob.out()).containsPattern("\\[private to bob\\] \\d\\d:\\d\\d:\\d\\d alice: for bob only")
          .as("Pub/Sub verifies no sender: never a mark").doesNotContain("\u2713");
      carol.awaitOut("the room's message", o -> o.contains("for everybody"), Duration.ofSeconds(30));
      Thread.sleep(1000); // published first: had it reached carol, it would be here by now
      assertThat(carol.out()).doesNotContain("for bob only");
      JsonNode line = new ObjectMapper().readTree(carol.out().strip().lines().reduce((a, b) -> b).orElseThrow());
      assertThat(line.path("verified").asBoolean()).isFalse();
      assertThat(line.path("account").isNull()).isTrue();
    }
  }

  @Test
  void whoListsTheTopicsSubscriptionsWithTheirUsers() throws Exception {
    try (CliRun bob = CliRun.launch(env(), "subscribe", "--username", "Bob").awaitReady();
        CliRun anonymous = CliRun.launch(env(), "subscribe").awaitReady()) {
      CliRun who = CliRun.run(env(), "who", "--json");
      assertThat(who.exitCode()).as(who.err()).isZero();
      JsonNode list = new ObjectMapper().readTree(who.out());
      assertThat(list).hasSize(2);
      assertThat(list.findValuesAsText("username")).contains("bob");
      assertThat(list.findValuesAsText("client")).containsOnly("lwqueue");
      assertThat(list.findValuesAsText("receives_from")).allMatch(s -> s.startsWith(topic + "-lwqueue-"));
    }
  }

  @Test
  void verifiedOnlyIsRefusedWhereNoSenderIsVerified() {
    CliRun run = CliRun.run(env(), "subscribe", "--verified-only", "--max-messages", "1");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).startsWith("lwqueue: error: --verified-only needs a broker that verifies senders");
  }
}
