package dev.lwqueue.webhook;

import java.util.Map;

/** One POST to make: the message's body as it is, and the headers (signature included). */
public record WebhookRequest(String id, int attempt, byte[] body, Map<String, String> headers) {
  public WebhookRequest {
    headers = Map.copyOf(headers);
  }
}
