package dev.lwqueue.serve;

import dev.lwqueue.core.DeduplicatingHandler;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.DeliveryJson;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.Subscription;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One temporary subscription on the room for all stream clients, each with a queue of its own: a
 * slow browser holds up nobody else. A client that falls {@value #CLIENT_BACKLOG} events behind
 * is disconnected (its {@code EventSource} reconnects by itself) rather than held in memory.
 */
final class StreamClients implements AutoCloseable {

  static final int CLIENT_BACKLOG = 10_000;

  /** What a client is sent when it fell too far behind, before its stream ends. */
  static final String OVERFLOW = "\u0000overflow";

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
      subscription = room.transport().subscribe(SubscribeOptions.temporary(), new DeduplicatingHandler(this::broadcast));
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
