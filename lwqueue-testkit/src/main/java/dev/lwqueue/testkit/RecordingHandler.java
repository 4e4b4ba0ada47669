package dev.lwqueue.testkit;

import static org.awaitility.Awaitility.await;

import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.DeliveryHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Keeps every delivery it is handed, for tests to wait on and inspect. */
public final class RecordingHandler implements DeliveryHandler {

  private final List<Delivery> deliveries = new ArrayList<>();

  @Override
  public synchronized void onDelivery(Delivery delivery) {
    deliveries.add(delivery);
  }

  public synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  public synchronized int count() {
    return deliveries.size();
  }

  public List<ChatMessage> messages() {
    return deliveries().stream().map(Delivery::message).toList();
  }

  public List<String> texts() {
    return deliveries().stream()
        .map(d -> d.message() == null ? null : d.message().message())
        .toList();
  }

  /** Waits until at least {@code n} deliveries arrived and returns them. */
  public List<Delivery> awaitCount(int n, Duration atMost) {
    await("" + n + " deliveries").atMost(atMost).until(() -> count() >= n);
    return deliveries();
  }

  public List<Delivery> awaitCount(int n) {
    return awaitCount(n, Duration.ofSeconds(30));
  }

  /** Waits until a decoded message with this text arrived. */
  public void awaitText(String text) {
    await("message '" + text + "'")
        .atMost(Duration.ofSeconds(30))
        .until(() -> texts().contains(text));
  }
}
