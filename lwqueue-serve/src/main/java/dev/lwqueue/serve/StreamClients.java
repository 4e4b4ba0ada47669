package dev.lwqueue.serve;

import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.DeliveryJson;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.Subscription;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One temporary subscription on the room for all stream clients (a message delivered twice is
 * streamed once, as {@code subscribe} shows it once), each with a queue of its own: a
 * slow browser holds up nobody else. A client that falls {@value #CLIENT_BACKLOG} events behind
 * is disconnected (its {@code EventSource} reconnects by itself) rather than held in memory.
 */
final class StreamClients implements AutoCloseable {

  static final int CLIENT_BACKLOG = 10_000;

  /** What a client is sent when it fell too far behind, before its stream ends. */
  static final String OVERFLOW = "\u0000overflow";

  /** What a client is sent when the subscription ended, before its stream ends. */
  static final String ENDED = "\u0000ended";

  private final RoomConnection room;
  private final Set<BlockingQueue<String>> clients = ConcurrentHashMap.newKeySet();
  private Subscription subscription;

  StreamClients(RoomConnection room) {
    this.room = room;
  }

  /** Registers a client, subscribing to the room first if nobody did yet; fails while the broker is away. */
  BlockingQueue<String> join() {
    ensureSubscribed();
    BlockingQueue<String> queue = new ArrayBlockingQueue<>(CLIENT_BACKLOG + 1);
    clients.add(queue);
    return queue;
  }

  void leave(BlockingQueue<String> queue) {
    clients.remove(queue);
  }

  int size() {
    return clients.size();
  }

  private synchronized void ensureSubscribed() {
    if (subscription == null) {
      Subscription subscribed = room.transport().subscribe(SubscribeOptions.temporary(), this::broadcast);
      subscription = subscribed;
      // A subscription the broker ended delivers nothing more: its clients are told to reconnect
      // (EventSource does so by itself), and the next one subscribes afresh.
      subscribed.done().whenComplete((ok, failure) -> ended(subscribed));
    }
  }

  private void ended(Subscription ended) {
    synchronized (this) {
      if (subscription != ended) {
        return;
      }
      subscription = null;
    }
    for (BlockingQueue<String> client : clients) {
      clients.remove(client);
      client.clear();
      client.offer(ENDED);
    }
  }

  private void broadcast(Delivery delivery) {
    String json = DeliveryJson.format(delivery);
    for (BlockingQueue<String> client : clients) {
      if (client.remainingCapacity() <= 1) {
        clients.remove(client);
        client.clear();
        client.offer(OVERFLOW);
      } else {
        client.offer(json);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (subscription != null) {
      subscription.close();
    }
  }
}
