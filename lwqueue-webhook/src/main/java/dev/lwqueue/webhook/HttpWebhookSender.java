package dev.lwqueue.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

/** POSTs with the JDK's {@link HttpClient}; an answer must come within the timeout. */
public final class HttpWebhookSender implements WebhookSender {

  private final URI url;
  private final Duration timeout;
  private final HttpClient client;

  public HttpWebhookSender(URI url, Duration timeout, Executor executor) {
    this.url = url;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
  }

  @Override
  public AttemptResult send(WebhookRequest request) throws InterruptedException {
    HttpRequest.Builder http =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "lwqueue-webhook")
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(http::header);
    try {
      HttpResponse<Void> response = client.send(http.build(), HttpResponse.BodyHandlers.discarding());
      return AttemptResult.answered(response.statusCode(),
          RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now()));
    } catch (HttpConnectTimeoutException e) {
      return AttemptResult.noAnswer("no connection within " + seconds(timeout));
    } catch (HttpTimeoutException e) {
      return AttemptResult.noAnswer("no answer within " + seconds(timeout));
    } catch (ConnectException e) {
      return AttemptResult.noAnswer("connection refused by " + url.getHost() + ":" + port(url));
    } catch (IOException e) {
      return AttemptResult.noAnswer(oneLine(e));
    }
  }

  private static int port(URI url) {
    return url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String oneLine(IOException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s+", " ").strip();
  }
}
