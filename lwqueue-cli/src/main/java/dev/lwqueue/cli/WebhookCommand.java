package dev.lwqueue.cli;

import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.TerminalText;
import dev.lwqueue.core.work.WorkQueues;
import dev.lwqueue.core.work.WorkSubscription;
import dev.lwqueue.webhook.AttemptResult;
import dev.lwqueue.webhook.BridgeListener;
import dev.lwqueue.webhook.BridgeStats;
import dev.lwqueue.webhook.HttpWebhookSender;
import dev.lwqueue.webhook.RetryPolicy;
import dev.lwqueue.webhook.WebhookBridge;
import dev.lwqueue.webhook.WebhookSecret;
import dev.lwqueue.webhook.WebhookSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Bridges the room to an HTTP endpoint; the policy is {@link WebhookBridge}'s, this only composes. */
@Command(
    name = "webhook",
    description = {
      "POST every message of the room to URL, signed the Standard Webhooks way, until the receiver answers 2xx.",
      "Messages wait in a durable queue (on Pub/Sub: a subscription) named webhook-HOST after the URL's host unless "
          + "--queue says otherwise (never the chat's --subscription, whose messages it would take away), so "
          + "nothing is lost while the bridge is down. A failed attempt (no answer within --timeout, or "
          + "anything but 2xx) is retried after --min-backoff, doubling up to --max-backoff, later if the receiver "
          + "says Retry-After; after --max-attempts it becomes a dead letter with the last status and error (see "
          + "'lwqueue dead-letters'). Delivery is at least once: a receiver drops repeats by their webhook-id.",
      "The secret comes from LWQUEUE_WEBHOOK_SECRET or, with --secret alone, a prompt; without one, requests go "
          + "unsigned. Ctrl-C or SIGTERM finish the requests in flight and return the rest to the queue."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n",
    subcommands = WebhookSecretNewCommand.class,
    footer = {
      "",
      "Headers of each request: webhook-id (the message id), webhook-timestamp (Unix seconds) and "
          + "webhook-signature (v1,<base64 HMAC-SHA256 of id.timestamp.body>), keyed with whsec_<base64>.",
      "",
      "Examples:",
      "  lwqueue webhook secret-new",
      "  LWQUEUE_WEBHOOK_SECRET=whsec_... \\",
      "      lwqueue webhook https://bot.example/hooks/chat",
      "  lwqueue webhook --secret --max-concurrent 4 --max-rate 20 \\",
      "      http://127.0.0.1:9000/chat",
      "  lwqueue dead-letters list --queue webhook-bot.example"
    })
public final class WebhookCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin ConnectionOptions connection;
  @Mixin QueueOptions queueOptions;
  @Mixin WebhookOptions webhook;

  @Option(names = "--secret", paramLabel = "WHSEC", arity = "0..1", interactive = true,
      description = "The signing secret, whsec_ and base64 (env LWQUEUE_WEBHOOK_SECRET); given without a value, "
          + "it is asked for without echo. Make one with 'lwqueue webhook secret-new'.")
  String secret;

  @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "Where to POST each message: http:// or https://.")
  String url;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    WebhookSettings settings = settings();
    SubscribeOptions queue = queueOptions.subscribeOptions(connection, WebhookSettings.defaultQueueName(settings.url()))
        .withPrefetch(settings.prefetch());
    if (settings.secret() == null) {
      status(err, "no secret (LWQUEUE_WEBHOOK_SECRET or --secret): requests are sent unsigned");
    }
    ExecutorService http = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lwqueue-webhook-http");
      t.setDaemon(true);
      return t;
    });
    Progress progress = new Progress(err);
    try (WorkQueues queues = WorkQueueFactory.open(connection)) {
      WebhookBridge bridge = new WebhookBridge(settings, new HttpWebhookSender(settings.url(), settings.timeout(), http),
          queues.deadLetters(queue.name()), progress);
      WorkSubscription subscription;
      try {
        subscription = queues.consume(queue, bridge);
      } catch (RuntimeException e) {
        bridge.close();
        throw e;
      }
      status(err, "delivering queue '" + queue.name() + "' to " + settings.url() + " (" + (bridge.signing() ? "signed" : "unsigned")
          + ", at most " + settings.maxConcurrent() + " in flight" + (settings.maxRate() > 0 ? ", " + settings.maxRate() + "/s" : "")
          + "); dead letters in " + queues.deadLetters(queue.name()).describe());
      try {
        progress.run(bridge);
      } finally {
        subscription.stopReceiving();
        bridge.close();
        subscription.close();
        progress.last(bridge.stats());
      }
      return ExitCode.OK.code();
    } finally {
      http.shutdownNow();
    }
  }

  private WebhookSettings settings() {
    if (url == null) {
      throw new UserError(ExitCode.USAGE, "a URL is required: lwqueue webhook URL");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new UserError(ExitCode.USAGE, "'" + url + "' is not a URL");
    }
    WebhookSecret parsed = null;
    if (secret != null && !secret.isBlank()) {
      try {
        parsed = WebhookSecret.parse(secret);
      } catch (IllegalArgumentException e) {
        throw new UserError(ExitCode.USAGE, e.getMessage());
      }
    }
    try {
      RetryPolicy retry = RetryPolicy.of(webhook.minBackoff, webhook.maxBackoff, webhook.maxAttempts);
      return new WebhookSettings(uri, webhook.timeout, retry, webhook.maxConcurrent, webhook.maxRate, parsed);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, e.getMessage());
    }
  }

  private static void status(PrintWriter err, String line) {
    synchronized (err) {
      err.println("lwqueue: " + line);
      err.flush();
    }
  }

  /**
   * The progress line (delivered, retrying, dead, rate) on stderr: rewritten in place every second
   * on a terminal, a line every ten seconds otherwise; dead letters and errors as lines of their own.
   */
  private static final class Progress implements BridgeListener {
    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
    private volatile boolean lineOpen;

    Progress(PrintWriter err) {
      this.err = err;
    }

    void run(WebhookBridge bridge) {
      long intervalMs = terminal ? 1000 : 10_000;
      long lastDelivered = 0;
      long lastNanos = System.nanoTime();
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(intervalMs);
        } catch (InterruptedException e) {
          return;
        }
        BridgeStats stats = bridge.stats();
        long now = System.nanoTime();
        double rate = (stats.delivered() - lastDelivered) * 1e9 / Math.max(1, now - lastNanos);
        lastDelivered = stats.delivered();
        lastNanos = now;
        print(stats, rate);
      }
    }

    private void print(BridgeStats stats, double rate) {
      String line = String.format(Locale.ROOT, "delivered %d, retrying %d, dead %d, %.1f/s, %d in flight",
          stats.delivered(), stats.retrying(), stats.dead(), rate, stats.inFlight());
      synchronized (err) {
        if (terminal) {
          err.print("\r\033[Klwqueue: " + line);
          lineOpen = true;
        } else {
          err.println("lwqueue: " + line);
        }
        err.flush();
      }
    }

    void last(BridgeStats stats) {
      synchronized (err) {
        endLine();
        err.println("lwqueue: stopped: delivered " + stats.delivered() + ", dead " + stats.dead()
            + "; the messages not yet delivered wait in the queue");
        err.flush();
      }
    }

    private void endLine() {
      if (lineOpen) {
        err.println();
        lineOpen = false;
      }
    }

    @Override
    public void onDead(String id, AttemptResult last, int attempts) {
      line("gave up on message " + TerminalText.remote(id) + " after " + attempts + " attempts ("
          + TerminalText.remote(String.valueOf(last.error())) + "): it is a dead letter now");
    }

    @Override
    public void onError(String text) {
      line("error: " + TerminalText.remote(text));
    }

    private void line(String text) {
      synchronized (err) {
        endLine();
        err.println("lwqueue: " + text);
        err.flush();
      }
    }
  }
}
