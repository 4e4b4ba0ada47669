package dev.lwqueue.core.work;

/**
 * How one delivery ends: acknowledged (done, the broker forgets it) or returned to the queue for a
 * later delivery. Only the first call counts; later ones are ignored. A delivery never settled
 * goes back to the queue when its subscription closes.
 */
public interface Settlement {
  void ack();

  void requeue();
}
