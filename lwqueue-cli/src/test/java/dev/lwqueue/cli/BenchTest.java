package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lwqueue.cli.bench.BenchStamp;
import dev.lwqueue.cli.bench.SubscriberStats;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/** {@code lwqueue bench} and its accounting, on the real broker with small counts. */
class BenchTest {

  private final String exchange = "lwq-test-bench-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    TestBroker.deleteExchange(exchange);
  }

  @Test
  void everySubscriberCountsEveryMessageOnceAndNothingIsLost() throws Exception {
    CliRun run = CliRun.run("bench", "--url", TestBroker.amqpUri(), "--exchange", exchange,
        "--publishers", "2", "--subscribers", "3", "--messages", "301", "--size", "200",
        "--warmup", "0", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = ChatCodec.mapper().readTree(run.out());
    assertThat(report.at("/totals/lost").asLong()).isZero();
    assertThat(report.at("/totals/duplicated").asLong()).isZero();
    assertThat(report.at("/totals/not_confirmed").asLong()).isZero();
    assertThat(report.at("/publishers/0/sent").asLong() + report.at("/publishers/1/sent").asLong()).isEqualTo(301);
    assertThat(report.get("subscribers")).hasSize(3);
    for (JsonNode sub : report.get("subscribers")) {
      assertThat(sub.get("received").asLong()).isEqualTo(301);
      assertThat(sub.get("measured").asLong()).isEqualTo(301);
      assertThat(sub.at("/latency_ms/samples").asLong()).isEqualTo(301);
    }
    assertThat(report.at("/totals/latency_ms/samples").asLong()).isEqualTo(3 * 301);
    assertThat(report.at("/totals/latency_ms/p99").asDouble()).isPositive();
  }

  @Test
  void warmupMessagesCountForLossButNotForLatency() throws Exception {
    CliRun run = CliRun.run("bench", "--url", TestBroker.amqpUri(), "--exchange", exchange,
        "--messages", "50", "--warmup", "3600", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = ChatCodec.mapper().readTree(run.out());
    assertThat(report.at("/shape/warmup_messages").asLong()).isEqualTo(50);
    assertThat(report.at("/subscribers/0/received").asLong()).isEqualTo(50);
    assertThat(report.at("/subscribers/0/measured").asLong()).isZero();
    assertThat(report.at("/totals/latency_ms/samples").asLong()).isZero();
    assertThat(report.at("/totals/lost").asLong()).isZero();
    for (String at : new String[] {"/totals/latency_ms", "/subscribers/0/latency_ms"}) {
      for (String key : new String[] {"p50", "p95", "p99", "max"}) {
        assertThat(report.at(at).has(key)).as("%s/%s present", at, key).isTrue();
        assertThat(report.at(at).get(key).isNull()).as("%s/%s null without a sample", at, key).isTrue();
      }
    }
  }

  @Test
  void lostDuplicatedAndForeignMessagesAreToldApart() throws Exception {
    String runId = "run12345";
    long start = System.nanoTime();
    SubscriberStats stats = new SubscriberStats(runId, 2, start);
    try (ChatTransport transport = RabbitMqTransport.connect(TestBroker.settings(exchange))) {
      transport.subscribe(SubscribeOptions.temporary(), stats);
      int padding = BenchStamp.paddingFor(runId, 150);
      // Publisher 0 sends 0, 1, 1 again and 3; publisher 1 sends 0; seq 2 of publisher 0 never goes out.
      for (long seq : new long[] {0, 1, 1, 3}) {
        publish(transport, new BenchStamp(runId, 0, seq, System.nanoTime() - start, false).body(padding));
      }
      publish(transport, new BenchStamp(runId, 1, 0, System.nanoTime() - start, true).body(padding));
      publish(transport, new BenchStamp("otherrun", 0, 2, 0, false).body(padding));
      publish(transport, ChatCodec.encode(ChatMessage.of("alice", "just chatting")));
      publish(transport, "not even json".getBytes(StandardCharsets.UTF_8));

      await().atMost(Duration.ofSeconds(30)).until(() -> stats.distinct() + stats.duplicated() + stats.foreign() == 8);
    }
    BitSet confirmed0 = new BitSet();
    confirmed0.set(0, 4);
    BitSet confirmed1 = new BitSet();
    confirmed1.set(0);
    assertThat(stats.distinct()).isEqualTo(4);
    assertThat(stats.duplicated()).isEqualTo(1);
    assertThat(stats.foreign()).isEqualTo(3);
    assertThat(stats.missing(new BitSet[] {confirmed0, confirmed1})).isEqualTo(1);
    assertThat(stats.measured()).isEqualTo(3); // publisher 1's message was a warm-up one
    assertThat(stats.latency().getTotalCount()).isEqualTo(3);
  }

  @Test
  void aStampReadsBackAndEveryBodyOfARunHasTheAskedSize() {
    BenchStamp stamp = new BenchStamp("abcdefgh", 3, 123456, 987654321, true);
    int padding = BenchStamp.paddingFor("abcdefgh", 300);
    byte[] body = stamp.body(padding);
    assertThat(body).hasSize(300);
    assertThat(new BenchStamp("abcdefgh", 0, 0, 0, false).body(padding)).hasSize(300);
    ChatMessage message = ChatCodec.decode(body).message();
    assertThat(BenchStamp.parse(message.message())).isEqualTo(stamp);
    assertThat(BenchStamp.parse("lwqueue-bench nonsense")).isNull();
  }

  @Test
  void aSizeTooSmallForTheStampIsAUsageError() {
    CliRun run = CliRun.run("bench", "--url", TestBroker.amqpUri(), "--exchange", exchange, "--size", "10");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("--size must be at least");
  }

  private static void publish(ChatTransport transport, byte[] body) throws Exception {
    transport.publishRaw(body, Map.of()).get(30, TimeUnit.SECONDS);
  }
}
