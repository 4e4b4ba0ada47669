package dev.lwqueue.cli;

import dev.lwqueue.cli.tui.RenderLoop;
import dev.lwqueue.cli.tui.TerminalSession;
import dev.lwqueue.cli.tui.View;
import dev.lwqueue.cli.tui.model.ConnectionStatus;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.ConnectionEvent;
import dev.lwqueue.core.ConnectionEventText;
import dev.lwqueue.core.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * What {@code subscribe --mode rich} and {@code chat} share: take over the terminal, show the view
 * while connecting, run until the user leaves or the connection is lost for good, and give the
 * terminal back exactly as it was in every case, before any error is printed.
 */
final class FullScreen {

  /** Opens the terminal; the real one, or a virtual one in tests. */
  @FunctionalInterface
  interface TerminalOpener {
    TerminalSession open() throws IOException;
  }

  private static final Executor CONNECTOR = r -> {
    Thread t = new Thread(r, "lwqueue-connect");
    t.setDaemon(true); // a connect still hanging when the user left must not keep the JVM alive
    t.start();
  };

  private FullScreen() {}

  /**
   * Runs the view. {@code onConnected} subscribes and wires the view to the transport; it may
   * complete the stop future itself (for example after {@code --max-messages}).
   */
  static ExitCode run(
      TerminalOpener terminal,
      View view,
      ConnectionStatus status,
      int maxFps,
      Supplier<ChatTransport> connect,
      BiConsumer<ChatTransport, CompletableFuture<ExitCode>> onConnected) throws IOException {
    CompletableFuture<ExitCode> stop = new CompletableFuture<>();
    try (TerminalSession session = terminal.open();
        RenderLoop loop = new RenderLoop(session.screen(), view, maxFps,
            () -> stop.complete(ExitCode.OK),
            e -> stop.completeExceptionally(e instanceof IOException io ? new UncheckedIOException(io) : e))) {
      loop.start();
      CompletableFuture<ChatTransport> connecting = CompletableFuture.supplyAsync(connect, CONNECTOR);
      ChatTransport transport = firstOf(connecting, stop);
      if (transport == null) {
        connecting.thenAccept(ChatTransport::close); // the user left first
        return await(stop);
      }
      try (transport) {
        transport.addConnectionListener(event -> {
          status.onEvent(event);
          if (event.state() == ConnectionEvent.State.FAILED) {
            stop.completeExceptionally(new TransportException(TransportException.Kind.CLOSED, ConnectionEventText.detail(event)));
          }
        });
        status.connected(transport.describe());
        onConnected.accept(transport, stop);
        return await(stop);
      }
    }
  }

  /** The transport once connected, or {@code null} when the view stopped first. */
  private static ChatTransport firstOf(CompletableFuture<ChatTransport> connecting, CompletableFuture<ExitCode> stop) {
    try {
      CompletableFuture.anyOf(connecting, stop).get();
    } catch (InterruptedException e) {
      stop.complete(ExitCode.OK); // SIGINT from outside the terminal
      return null;
    } catch (ExecutionException e) {
      // one of them failed: handled below
    }
    if (stop.isDone()) {
      return null;
    }
    try {
      return connecting.get();
    } catch (InterruptedException e) {
      return null;
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  private static ExitCode await(CompletableFuture<ExitCode> stop) {
    try {
      return stop.get();
    } catch (InterruptedException e) {
      return ExitCode.OK; // SIGINT from outside the terminal is a normal stop
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException re) {
      return re;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }

  /** Whether there is a terminal to take: the given one, or the process's own. */
  static boolean hasTerminal(TerminalOpener given) {
    return given != null || Terminals.isTerminal();
  }

  /** The given terminal, or the process's own when none was given. */
  static TerminalOpener orSystem(TerminalOpener given) {
    return given != null ? given : TerminalSession::system;
  }

  /** What the status line says before the transport describes itself. */
  static String target(ConnectionOptions options) {
    return switch (options.backend()) {
      case rabbitmq -> options.rabbitMq().maskedUri() + " exchange " + options.exchange;
      case pubsub -> "Pub/Sub";
    };
  }
}
