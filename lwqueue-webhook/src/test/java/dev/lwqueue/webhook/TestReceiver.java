package dev.lwqueue.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lwqueue.core.ChatCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP receiver of the tests: answers each request as the script says for the message's text
 * and attempt, records every request (id, whether its signature verified, when it came), and
 * counts the most requests it had at once.
 */
final class TestReceiver implements AutoCloseable {

  /** How to answer one request. */
  record Answer(int status, long delayMillis, String retryAfter) {
    static Answer ok() {
      return new Answer(200, 0, null);
    }

    static Answer status(int status) {
      return new Answer(status, 0, null);
    }
  }

  @FunctionalInterface
  interface Script {
    /** @param attempt how many requests for this id came before, plus one */
    Answer answer(String text, int attempt);
  }

  record Request(String id, String text, int attempt, boolean signatureValid, String timestamp, long arrivedNanos,
      int status) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final StandardWebhooksVerifier verifier;
  private final List<Request> requests = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile Script script;

  TestReceiver(String secret, Script script) throws IOException {
    this.verifier = secret == null ? null : new StandardWebhooksVerifier(secret);
    this.script = script;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    server.setExecutor(executor);
    server.createContext("/hook", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  void script(Script newScript) {
    script = newScript;
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    // A request counts as in flight until its answer starts: once the bridge has the answer it may
    // start the next request, possibly before this thread has finished closing the exchange.
    boolean counted = true;
    try (exchange) {
      long arrived = System.nanoTime();
      byte[] body = exchange.getRequestBody().readAllBytes();
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
      boolean valid = verifier != null
          && verifier.verify(id, timestamp, exchange.getRequestHeaders().getFirst("webhook-signature"), body);
      ChatCodec.Decoded decoded = ChatCodec.decode(body);
      String text = decoded.ok() ? decoded.message().message() : "";
      int attempt;
      synchronized (requests) {
        attempt = 1 + (int) requests.stream().filter(r -> r.id().equals(id)).count();
      }
      Answer answer = script.answer(text, attempt);
      synchronized (requests) {
        requests.add(new Request(id, text, attempt, valid, timestamp, arrived, answer.status()));
      }
      if (answer.delayMillis() > 0) {
        try {
          Thread.sleep(answer.delayMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
      if (answer.retryAfter() != null) {
        exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
      }
      inFlight.decrementAndGet();
      counted = false;
      exchange.sendResponseHeaders(answer.status(), -1);
    } finally {
      if (counted) {
        inFlight.decrementAndGet();
      }
    }
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  List<Request> requestsFor(String text) {
    return requests().stream().filter(r -> r.text().equals(text)).toList();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
