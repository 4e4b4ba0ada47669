package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.lwqueue.cli.output.DeliveryFormat;
import dev.lwqueue.rabbitmq.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A corpus of hostile and malformed bodies, published raw by a foreign client: the subscriber
 * survives all of them in every mode, shows each as one line, and prints no raw control character.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HostileInputTest {

  private final String exchange = "lwq-test-hostile-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    TestBroker.deleteExchange(exchange);
  }

  @ParameterizedTest
  @ValueSource(strings = {"print", "simple", "json"})
  void subscriberSurvivesTheCorpusAndPrintsNoRawControls(String mode) throws Exception {
    Map<String, byte[]> corpus = HostileCorpus.bodies();
    try (CliRun sub = CliRun.launch(Map.of("NO_COLOR", "1"),
        "subscribe", "--url", TestBroker.amqpUri(), "--exchange", exchange, "--mode", mode)) {
      sub.awaitReady();
      publishRaw(corpus.values());
      String end = "end of corpus " + mode;
      publishRaw(List.of(("{\"username\":\"tester\",\"message\":\"" + end + "\"}").getBytes(StandardCharsets.UTF_8)));

      sub.awaitOut("the marker after the corpus", out -> out.contains(end), Duration.ofSeconds(90));
      String out = sub.out();
      List<String> lines = out.lines().filter(l -> !l.contains("Waiting for messages")).toList();

      assertThat(HostileCorpus.rawControls(out)).as("raw control characters in the output").isEmpty();
      assertThat(lines).as("one line per message").hasSize(corpus.size() + 1);
      assertThat(sub.err()).doesNotContain("Exception").doesNotContain("error");
      if (mode.equals("json")) {
        assertJsonKeepsEveryBodyExactly(lines, new ArrayList<>(corpus.values()));
      } else {
        int longest = lines.stream().mapToInt(String::length).max().orElse(0);
        assertThat(longest).as("longest shown line").isLessThan(DeliveryFormat.MAX_SHOWN_CHARS * 10 + 500);
        assertThat(out).contains("more characters not shown");
      }
      assertThat(sub.stop()).isZero();
    }
  }

  private static void assertJsonKeepsEveryBodyExactly(List<String> lines, List<byte[]> bodies) throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < bodies.size(); i++) {
      JsonNode node = json.readTree(lines.get(i));
      byte[] expected = bodies.get(i);
      byte[] actual = node.get("body").isNull()
          ? Base64.getDecoder().decode(node.get("body_base64").asText())
          : node.get("body").asText().getBytes(StandardCharsets.UTF_8);
      assertThat(actual).as("raw body of corpus entry %d", i).isEqualTo(expected);
      assertThat(node.get("received_at").asText()).isNotBlank();
      assertThat(node.has("username") || node.has("problem")).isTrue();
      assertThat(node.get("redelivered").isBoolean()).isTrue();
    }
  }

  private void publishRaw(Iterable<byte[]> bodies) throws Exception {
    try (Connection c = TestBroker.rawConnection(); Channel ch = c.createChannel()) {
      ch.confirmSelect();
      for (byte[] body : bodies) {
        ch.basicPublish(exchange, "", new AMQP.BasicProperties(), body);
      }
      ch.waitForConfirmsOrDie(30_000);
    }
  }
}
