package dev.lwqueue.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room over HTTP, on the JDK's own {@link HttpServer} (it streams a response of unknown
 * length, which is all Server-Sent Events need, and parses every request itself):
 *
 * <ul>
 *   <li>{@code POST /messages} {@code {"username","message"}}: 201 {@code {"id"}} once the broker
 *       confirmed it; 400 for anything that is not a chat message, 413 over the size limit, 503
 *       when the broker is unreachable or did not confirm;
 *   <li>{@code GET /messages/stream}: the room as Server-Sent Events, each event's data the JSON
 *       line of {@code subscribe --mode json};
 *   <li>{@code GET /health}: 200 when the broker is connected, else 503;
 *   <li>{@code GET /}: the web chat (with {@code /app.js} and {@code /app.css}).
 * </ul>
 *
 * With a token, every route wants {@code Authorization: Bearer TOKEN}, or {@code access_token=TOKEN}
 * in the query for what a browser cannot give a header to (a page, an {@code EventSource}), or the
 * cookie such a query sets.
 */
public final class ChatServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);

  /** A comment line now and then keeps proxies and browsers from closing an idle stream. */
  private static final long KEEP_ALIVE_MS = 15_000;

  private static final String TOKEN_COOKIE = "lwqueue_token";

  private static final Map<String, String> STATIC_FILES =
      Map.of("/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/app.css", "app.css");

  private final ServeOptions options;
  private final RoomConnection room;
  private final StreamClients streams;
  private final HttpServer server;
  private final ExecutorService executor;
  private volatile boolean stopping;

  private ChatServer(ServeOptions options, RoomConnection room) throws IOException {
    this.options = options;
    this.room = room;
    this.streams = new StreamClients(room);
    this.server = HttpServer.create(options.listen(), 64);
    // One thread per open stream plus the short requests: streams block their thread by design.
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    server.setExecutor(executor);
    server.createContext("/", guarded(this::staticFile));
    server.createContext("/messages", guarded(this::messages));
    server.createContext("/messages/stream", guarded(this::stream));
    server.createContext("/health", guarded(this::health));
  }

  /**
   * Starts listening. The transport is opened now if the broker answers, and otherwise on the
   * first request that needs it, so the server runs (answering 503) while the broker is away.
   */
  public static ChatServer start(ServeOptions options, Supplier<ChatTransport> transports) {
    ChatServer server;
    try {
      server = new ChatServer(options, new RoomConnection(transports));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + options.listen().getHostString() + ":"
          + options.listen().getPort() + ": " + e.getMessage(), e);
    }
    server.server.start();
    try {
      server.room.transport();
    } catch (TransportException e) {
      LOG.warn("broker not reachable at start: {}", e.getMessage());
    }
    return server;
  }

  /** The address actually bound (the port chosen when asked for 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** How many streams are open. */
  public int streamClients() {
    return streams.size();
  }

  @FunctionalInterface
  private interface Route {
    void handle(HttpExchange exchange) throws IOException;
  }

  /** Every route: the token check first, then one-line errors as JSON, never a stack trace. */
  private HttpHandler guarded(Route route) {
    return exchange -> {
      try (exchange) {
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (!authorized(exchange)) {
          exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"lwqueue\"");
          json(exchange, 401, error("a bearer token is required: Authorization: Bearer TOKEN"));
          return;
        }
        route.handle(exchange);
      } catch (IOException e) {
        LOG.debug("request {} {} ended early: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
      } catch (RuntimeException e) {
        LOG.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      }
    };
  }

  /**
   * The token from {@code Authorization: Bearer}, else from {@code ?access_token=}, else from the
   * cookie a page opened with {@code ?access_token=} was given: the browser sends it along when it
   * loads the page's script and style and opens the stream, which it cannot give a header.
   */
  private boolean authorized(HttpExchange exchange) {
    if (options.token() == null) {
      return true;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return matches(header.substring(7).strip());
    }
    String query = queryParameter(exchange, "access_token");
    if (query != null) {
      if (!matches(query)) {
        return false;
      }
      // HttpOnly: no script reads it; SameSite=Strict: no other site's page sends it along.
      exchange.getResponseHeaders().add("Set-Cookie", TOKEN_COOKIE + "="
          + URLEncoder.encode(query, StandardCharsets.UTF_8) + "; Path=/; HttpOnly; SameSite=Strict");
      return true;
    }
    return matches(cookie(exchange, TOKEN_COOKIE));
  }

  private boolean matches(String given) {
    return given != null
        && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), options.token().getBytes(StandardCharsets.UTF_8));
  }

  private static String cookie(HttpExchange exchange, String name) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          return URLDecoder.decode(pair.substring(eq + 1).strip(), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  private static String queryParameter(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (name.equals(URLDecoder.decode(key, StandardCharsets.UTF_8))) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private void messages(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/messages")) {
      json(exchange, 404, error("no such resource"));
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      json(exchange, 405, error("use POST to send a message"));
      return;
    }
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && parseLong(length) > options.maxBytes()) {
      json(exchange, 413, error("the body is larger than " + options.maxBytes() + " bytes"));
      return;
    }
    byte[] body = readAtMost(exchange.getRequestBody(), options.maxBytes() + 1);
    if (body.length > options.maxBytes()) {
      json(exchange, 413, error("the body is larger than " + options.maxBytes() + " bytes"));
      return;
    }
    ChatCodec.Decoded decoded = ChatCodec.decode(body);
    if (!decoded.ok()) {
      json(exchange, 400, error("not a chat message: " + decoded.problem()));
      return;
    }
    if (decoded.message().username().isBlank()) {
      json(exchange, 400, error("not a chat message: the username is blank"));
      return;
    }
    ChatMessage message = ChatMessage.stamped(decoded.message().username(), decoded.message().message());
    try {
      room.transport().publish(message).get(options.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TransportException e) {
      brokerFailure(exchange, e);
      return;
    } catch (ExecutionException e) {
      brokerFailure(exchange, e.getCause() instanceof TransportException te ? te
          : new TransportException(TransportException.Kind.BROKER_ERROR, String.valueOf(e.getCause().getMessage())));
      return;
    } catch (TimeoutException e) {
      json(exchange, 503, error("the broker did not confirm the message within "
          + options.publishTimeout().toMillis() + " ms: it may not have been delivered"));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      json(exchange, 503, error("the server is stopping"));
      return;
    }
    ObjectNode created = ChatCodec.mapper().createObjectNode();
    created.put("id", message.id());
    created.put("sent_at", message.sentAt().toString());
    exchange.getResponseHeaders().set("Location", "/messages/" + message.id());
    json(exchange, 201, created);
  }

  private static void brokerFailure(HttpExchange exchange, TransportException e) throws IOException {
    int status = e.kind() == TransportException.Kind.MESSAGE_TOO_LARGE ? 413 : 503;
    json(exchange, status, error("the broker did not take the message: " + e.getMessage()));
  }

  private void stream(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/messages/stream")) {
      json(exchange, 404, error("no such resource"));
      return;
    }
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET");
      json(exchange, 405, error("use GET to follow the room"));
      return;
    }
    BlockingQueue<String> events;
    try {
      events = streams.join();
    } catch (TransportException e) {
      json(exchange, 503, error("the broker is unreachable: " + e.getMessage()));
      return;
    }
    try {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      // The comment goes out at once, so a client knows the stream is open before any message.
      write(out, ": connected to the room\n\n");
      long sequence = 0;
      while (!stopping) {
        String event = events.poll(KEEP_ALIVE_MS, TimeUnit.MILLISECONDS);
        if (event == null) {
          write(out, ": keep-alive\n\n");
        } else if (event == StreamClients.OVERFLOW) {
          write(out, "event: overflow\ndata: {\"error\":\"this client fell too far behind; reconnect\"}\n\n");
          return;
        } else if (event == StreamClients.ENDED) {
          write(out, "event: ended\ndata: {\"error\":\"the room's subscription ended; reconnect\"}\n\n");
          return;
        } else {
          // The JSON is one line (line breaks inside strings are escaped), so one data field.
          write(out, "id: " + (++sequence) + "\ndata: " + event + "\n\n");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      streams.leave(events);
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void health(HttpExchange exchange) throws IOException {
    ObjectNode health = ChatCodec.mapper().createObjectNode();
    try {
      ChatTransport transport = room.transport();
      String down = room.down();
      health.put("broker", transport.describe());
      health.put("stream_clients", streams.size());
      if (down == null) {
        health.put("status", "ok");
        json(exchange, 200, health);
      } else {
        health.put("status", "unavailable");
        health.put("error", down);
        json(exchange, 503, health);
      }
    } catch (TransportException e) {
      health.put("status", "unavailable");
      health.put("error", e.getMessage());
      json(exchange, 503, health);
    }
  }

  private void staticFile(HttpExchange exchange) throws IOException {
    String file = STATIC_FILES.get(exchange.getRequestURI().getPath());
    if (file == null) {
      json(exchange, 404, error("no such resource"));
      return;
    }
    if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      json(exchange, 405, error("use GET"));
      return;
    }
    byte[] content;
    try (InputStream in = ChatServer.class.getResourceAsStream(file)) {
      content = in.readAllBytes();
    }
    String type = file.endsWith(".html") ? "text/html; charset=utf-8"
        : file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
    exchange.getResponseHeaders().set("Content-Type", type);
    // Defence in depth behind textContent: no inline script, nothing from elsewhere.
    exchange.getResponseHeaders().set("Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, content.length);
    exchange.getResponseBody().write(content);
  }

  private static ObjectNode error(String text) {
    return ChatCodec.mapper().createObjectNode().put("error", text);
  }

  private static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = (ChatCodec.mapper().writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    return in.readNBytes(max);
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "lwqueue-serve-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Ends every stream, stops listening and closes the transport. */
  @Override
  public void close() {
    stopping = true;
    server.stop(0);
    streams.close();
    room.close();
    executor.shutdownNow();
  }
}
