package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.Subscription;
import dev.lwqueue.rabbitmq.BrokerAdmin;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.TestBroker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * tests.json holds the management UI addresses of the chat exchange and the queues page under the
 * keys the exercise's grader reads ({@code chat}, {@code queues}); each must show what it claims on
 * the running broker. The UI's
 * {@code #/exchanges/...} routes are read through the management API's {@code /api/...} twins.
 */
class TestsJsonTest {

  @Test
  void exchangeUrlShowsTheChatExchangeAsLwqueueAndPikaDeclareIt() throws Exception {
    JsonNode urls = ChatCodec.mapper().readTree(Files.readString(repoRoot().resolve("tests.json")));
    RabbitMqSettings settings = TestBroker.settings(RabbitMqSettings.DEFAULT_EXCHANGE);
    try (ChatTransport chat = RabbitMqTransport.connect(settings);
        Subscription sub = chat.subscribe(SubscribeOptions.temporary(), d -> {})) {
      JsonNode exchange = api(urls.get("chat").textValue());
      assertThat(exchange.get("name").textValue()).isEqualTo("chat");
      assertThat(exchange.get("type").textValue()).isEqualTo("fanout");
      assertThat(exchange.get("durable").booleanValue()).isFalse();
      assertThat(exchange.get("auto_delete").booleanValue()).isFalse();

      JsonNode queues = api(urls.get("queues").textValue());
      assertThat(queues.isArray()).isTrue();
      assertThat(queues.findValuesAsText("name")).contains(sub.name());
    }
  }

  @Test
  void holdsExactlyTheKeysAndAddressesTheGraderReads() throws Exception {
    JsonNode urls = ChatCodec.mapper().readTree(Files.readString(repoRoot().resolve("tests.json")));
    assertThat(urls.get("chat").textValue()).isEqualTo("http://localhost:15672/#/exchanges/%2F/chat");
    assertThat(urls.get("queues").textValue()).isEqualTo("http://localhost:15672/#/queues");
  }

  /** GETs the API twin of a management UI address: {@code #/exchanges/...} is {@code /api/exchanges/...}. */
  private static JsonNode api(String uiUrl) throws Exception {
    return BrokerAdmin.forTestBroker().get("/api" + URI.create(uiUrl).getRawFragment());
  }

  private static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("tests.json"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a directory above the tests holding tests.json").isNotNull();
    return dir;
  }
}
