package dev.lwqueue.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lwqueue.core.ChatMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The archiver against a PostgreSQL of the test's own that goes away and comes back: what could
 * not be committed is not let through (flush throws), deliveries wait, and everything is stored
 * once the database is back.
 */
class DatabaseOutageTest {

  @Test
  void nothingIsAcknowledgedWhileTheDatabaseIsDownAndAllIsStoredWhenItIsBack() throws Exception {
    try (PostgresCluster cluster = new PostgresCluster()) {
      List<String> events = new CopyOnWriteArrayList<>();
      ArchiveListener listener = new ArchiveListener() {
        @Override
        public void databaseDown(String reason, Duration retryIn) {
          events.add("down");
        }

        @Override
        public void databaseBack(Duration downtime) {
          events.add("back");
        }
      };
      Database database = Database.of(cluster.url(), null, null);
      try (Archiver archiver = new Archiver(database, listener, new Backoff(Duration.ofMillis(100), Duration.ofMillis(500))).open()) {
        List<ChatMessage> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          ChatMessage m = ChatMessage.stamped("alice", "before " + i);
          sent.add(m);
          archiver.onDelivery(ArchiveContract.delivery(m, Instant.now()));
        }
        archiver.flush();

        cluster.stop();
        ChatMessage during = ChatMessage.stamped("bob", "during the outage");
        sent.add(during);
        archiver.onDelivery(ArchiveContract.delivery(during, Instant.now()));
        assertThatThrownBy(archiver::flush).isInstanceOf(ArchiveException.class)
            .hasMessageContaining("the messages stay in the queue");
        assertThat(archiver.isDown()).isTrue();
        assertThat(events).containsExactly("down");

        // The transport delivers it again; the delivery waits until the database is back.
        // Whether the restart had begun when the delivery returned, not how long it took: a slow
        // machine stretches times either way.
        AtomicBoolean restarting = new AtomicBoolean();
        Thread restarter = new Thread(() -> {
          try {
            Thread.sleep(1500);
            restarting.set(true);
            cluster.start();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        restarter.start();
        archiver.onDelivery(ArchiveContract.delivery(during, Instant.now()));
        assertThat(restarting).as("the delivery waited for the database").isTrue();
        restarter.join();
        archiver.flush();
        assertThat(events).startsWith("down").endsWith("back");
        assertThat(archiver.stored()).isEqualTo(sent.size());
      }
      StatsReport report = Stats.query(database, Instant.now(), 100);
      assertThat(report.messages()).isEqualTo(11);
    }
  }
}
