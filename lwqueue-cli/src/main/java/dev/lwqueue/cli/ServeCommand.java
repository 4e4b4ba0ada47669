package dev.lwqueue.cli;

import dev.lwqueue.serve.ChatServer;
import dev.lwqueue.serve.ServeOptions;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves the room over HTTP; the API and the page are {@link ChatServer}'s, this only composes. */
@Command(
    name = "serve",
    description = {
      "Serve the room over HTTP until Ctrl-C: a web chat at /, POST /messages {\"username\",\"message\"} (201 with the "
          + "id once the broker confirmed it, 400 not a chat message, 413 over --max-bytes, 503 broker unreachable), "
          + "GET /messages/stream (Server-Sent Events, the JSON of 'subscribe --mode json') and GET /health.",
      "On an address other machines can reach, every request needs the bearer token (--token or "
          + "LWQUEUE_SERVE_TOKEN): Authorization: Bearer TOKEN, or ?access_token=TOKEN for the page in a browser."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n",
    footer = {
      "",
      "Examples:",
      "  lwqueue serve                       # then open http://127.0.0.1:8080/",
      "  LWQUEUE_SERVE_TOKEN=s3cret lwqueue serve --listen 0.0.0.0:8080",
      "  curl -d '{\"username\":\"bot\",\"message\":\"hi\"}' http://127.0.0.1:8080/messages",
      "  curl -N http://127.0.0.1:8080/messages/stream"
    })
public final class ServeCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin ConnectionOptions connection;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
      description = "Where to listen (default: ${DEFAULT-VALUE}); 0.0.0.0:8080 for every interface, which needs a token.")
  String listen;

  @Option(names = "--token", paramLabel = "TOKEN", arity = "0..1", interactive = true,
      description = "The bearer token every request must carry (env LWQUEUE_SERVE_TOKEN); alone, it is asked for. "
          + "Required unless listening on a loopback address.")
  String token;

  @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "65536",
      description = "The largest request body POST /messages takes, in bytes (default: ${DEFAULT-VALUE}).")
  int maxBytes;

  @Option(names = "--confirm-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "How long a post waits for the broker's confirmation before answering 503 (default: ${DEFAULT-VALUE}).")
  Duration confirmTimeout;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ServeOptions options;
    try {
      options = new ServeOptions(address(listen), token, maxBytes, confirmTimeout);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, e.getMessage());
    }
    connection.requireOptionsOf(connection.backend());
    try (ChatServer server = ChatServer.start(options, () -> Transports.open(connection))) {
      InetSocketAddress bound = server.address();
      err.println("lwqueue: serving the room on http://" + bound.getHostString() + ":" + bound.getPort()
          + "/ (Ctrl-C stops)");
      err.flush();
      return new StopSignal().await().code();
    }
  }

  static InetSocketAddress address(String text) {
    String value = text.strip();
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new UserError(ExitCode.USAGE, "--listen wants HOST:PORT, such as 127.0.0.1:8080");
    }
    String host = value.substring(0, colon).replace("[", "").replace("]", "");
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new UserError(ExitCode.USAGE, "--listen wants HOST:PORT; '" + value.substring(colon + 1) + "' is not a port");
    }
    if (port < 0 || port > 65535) {
      throw new UserError(ExitCode.USAGE, "--listen port " + port + " is not between 0 and 65535");
    }
    InetSocketAddress address = new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    if (address.isUnresolved()) {
      throw new UserError(ExitCode.USAGE, "--listen host '" + host + "' is unknown");
    }
    return address;
  }
}
