package dev.lwqueue.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The publisher's batching, order, retries and failures, against a local server that answers
 * publish requests as the test says: what the emulator cannot be made to do.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OrderedPublisherTest {

  /** The messages of each publish request, as received. */
  private final List<List<String>> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextId = new AtomicInteger();
  private HttpServer server;
  private PubSubClients clients;

  /** Starts the server; {@code answer} gets the request number (from 0) and says the HTTP status, 200 for ids. */
  private OrderedPublisher publisher(Function<Integer, Integer> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      JsonNode request = PubSubRest.JSON.readTree(exchange.getRequestBody());
      List<String> texts = new ArrayList<>();
      request.path("messages").forEach(m -> texts.add(new String(java.util.Base64.getDecoder()
          .decode(m.path("data").asText()), StandardCharsets.UTF_8)));
      int number = requests.size();
      requests.add(texts);
      int status = answer.apply(number);
      ObjectNode reply = PubSubRest.JSON.createObjectNode();
      if (status == 200) {
        ArrayNode ids = reply.putArray("messageIds");
        texts.forEach(t -> ids.add(Integer.toString(nextId.incrementAndGet())));
      } else {
        reply.putObject("error").put("code", status).put("message", "refused")
            .put("status", status == 503 ? "UNAVAILABLE" : "INVALID_ARGUMENT");
      }
      send(exchange, status, reply);
    });
    server.start();
    clients = PubSubClients.open(PubSubSettings.emulator("127.0.0.1:" + server.getAddress().getPort(), "p"));
    return new OrderedPublisher(clients, new TopicPath("p", "chat"));
  }

  private static void send(HttpExchange exchange, int status, JsonNode reply) throws IOException {
    byte[] body = PubSubRest.JSON.writeValueAsBytes(reply);
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @AfterEach
  void stop() {
    if (clients != null) {
      clients.close();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  private static ObjectNode message(String text) {
    return PubSubDriver.message(text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  @Test
  void aBurstGoesOutInOrderInBatchesOfAtMostAHundred() throws Exception {
    OrderedPublisher publisher = publisher(n -> 200);
    List<CompletableFuture<String>> ids = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      ids.add(publisher.publish(message("m" + i), 2));
    }
    for (CompletableFuture<String> id : ids) {
      id.get(30, TimeUnit.SECONDS);
    }

    List<String> sent = requests.stream().flatMap(List::stream).toList();
    assertThat(sent).hasSize(250);
    for (int i = 0; i < 250; i++) {
      assertThat(sent.get(i)).isEqualTo("m" + i);
    }
    assertThat(requests).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(OrderedPublisher.MAX_COUNT));
    assertThat(ids.stream().map(CompletableFuture::join).distinct()).hasSize(250);
    assertThat(publisher.shutdown(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void aBatchStaysWithinItsByteLimitUnlessOneMessageIsLarger() throws Exception {
    OrderedPublisher publisher = publisher(n -> 200);
    List<CompletableFuture<String>> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(publisher.publish(message("big" + i), OrderedPublisher.MAX_BYTES / 2 + 1));
    }
    ids.add(publisher.publish(message("huge"), OrderedPublisher.MAX_BYTES * 4));
    CompletableFuture.allOf(ids.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    assertThat(requests).allSatisfy(batch -> assertThat(batch).hasSize(1));
  }

  @Test
  void anUnavailableServerIsRetriedAndEachMessageSentOnceConfirmed() throws Exception {
    OrderedPublisher publisher = publisher(n -> n < 2 ? 503 : 200);

    String id = publisher.publish(message("again"), 5).get(30, TimeUnit.SECONDS);

    assertThat(id).isEqualTo("1");
    assertThat(requests).containsExactly(List.of("again"), List.of("again"), List.of("again"));
  }

  @Test
  void aRefusedBatchFailsWhatWasQueuedBehindItAndTheNextMessageGoes() throws Exception {
    CountDownLatch queued = new CountDownLatch(1);
    OrderedPublisher publisher = publisher(n -> {
      if (n == 0) {
        await(queued);
        return 400;
      }
      return 200;
    });
    CompletableFuture<String> first = publisher.publish(message("first"), 5);
    await().until(() -> !requests.isEmpty());
    CompletableFuture<String> behind = publisher.publish(message("behind"), 6);
    queued.countDown();

    assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(PubSubCallException.class,
            e -> assertThat(e.code()).isEqualTo(RpcCode.INVALID_ARGUMENT));
    // Failed as cancelled, which the driver reports as not sent (PubSubErrors).
    assertThatThrownBy(() -> behind.get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class)
        .hasMessageContaining("an earlier message failed");
    assertThat(publisher.publish(message("next"), 4).get(30, TimeUnit.SECONDS)).isNotNull();
    assertThat(requests).containsExactly(List.of("first"), List.of("next"));
  }

  @Test
  void afterShutdownNothingIsTakenAndWhatWasQueuedWentOut() throws Exception {
    OrderedPublisher publisher = publisher(n -> 200);
    CompletableFuture<String> last = publisher.publish(message("last"), 4);

    assertThat(publisher.shutdown(Duration.ofSeconds(5))).isTrue();

    assertThat(last).isCompleted();
    assertThatThrownBy(() -> publisher.publish(message("late"), 4)).isInstanceOf(IllegalStateException.class);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static org.awaitility.core.ConditionFactory await() {
    return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30));
  }
}
