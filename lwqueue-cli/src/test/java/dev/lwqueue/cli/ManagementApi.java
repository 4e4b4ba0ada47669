package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.TestBroker;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The test broker's management HTTP API (port 15672, or LWQUEUE_TEST_MANAGEMENT_PORT). */
final class ManagementApi {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ManagementApi() {}

  /** GETs {@code /api/<path>} and returns the JSON; anything but 200 fails the test. */
  static JsonNode get(String path) throws Exception {
    RabbitMqSettings settings = RabbitMqSettings.fromUri(TestBroker.amqpUri());
    String port = System.getenv().getOrDefault("LWQUEUE_TEST_MANAGEMENT_PORT", "15672");
    URI api = URI.create("http://" + settings.host() + ":" + port + "/api/" + path);
    String auth = Base64.getEncoder()
        .encodeToString((settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(api).header("Authorization", "Basic " + auth).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET " + api).isEqualTo(200);
    return ChatCodec.mapper().readTree(response.body());
  }

  /** The queues bound to an exchange on the default vhost. */
  static List<String> boundQueues(String exchange) throws Exception {
    JsonNode bindings = get("exchanges/%2F/" + URLEncoder.encode(exchange, StandardCharsets.UTF_8) + "/bindings/source");
    return bindings.findValuesAsText("destination");
  }
}
