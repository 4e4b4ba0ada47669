package dev.lwqueue.core;

import java.time.Instant;
import java.util.Objects;

/**
 * Somebody in the room now, as the broker sees them: what {@code lwqueue who} lists. Each backend
 * fills in what it knows; a field it cannot know is {@code null}.
 *
 * @param account the broker account (RabbitMQ user, or the Pub/Sub subscription's label), or null
 * @param displayName the chat name the client announced, or null when it announced none
 * @param client which program: {@code lwqueue}, {@code python (pika)}, or the product it named
 * @param since when it connected or subscribed, or null
 * @param from where it connects from (address:port), or null
 * @param receivesFrom what it receives from: a queue or a subscription name
 */
public record Participant(
    String account, String displayName, String client, Instant since, String from, String receivesFrom) {

  public Participant {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(receivesFrom, "receivesFrom");
  }
}
