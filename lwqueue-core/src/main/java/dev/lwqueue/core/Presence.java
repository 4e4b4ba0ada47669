package dev.lwqueue.core;

import java.util.List;

/** Who is in the room now: each backend answers from what its broker can tell. */
public interface Presence {

  /** Everybody receiving from the room now, in a stable order. */
  List<Participant> who();
}
