package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.rabbitmq.DedicatedNode;
import dev.lwqueue.rabbitmq.admin.RoomAdmin;
import dev.lwqueue.rabbitmq.admin.RoomPermissions;
import dev.lwqueue.rabbitmq.admin.RoomRole;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broker restart forgets the room (its exchange is not durable, like the original's): what a
 * member sees, and how the room comes back. On the dedicated node ({@link TestNode}), never on the
 * shared broker; the member is created with the rabbitmqctl lines of {@code --print-commands}.
 */
@Tag(DedicatedNode.TAG)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RoomRestartTest {

  @Test
  void aMemberIsToldTheRoomIsGoneAfterARestartAndComesBackOnceTheHostOpensIt() throws Exception {
    DedicatedNode node = TestNode.node();
    String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
    String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);
    String password = RoomAdmin.generatePassword();
    String host = node.amqpUri();
    String member = "--url=amqp://" + bob + "@127.0.0.1:" + TestNode.AMQP_PORT + "/";
    Map<String, String> bobsPassword = Map.of("RABBITMQ_DEFAULT_PASS", password);
    RoomPermissions permissions = RoomPermissions.of(RoomRole.MEMBER, bob, room, room + ".private");
    try {
      // The host opens the room with any lwqueue command, then invites bob.
      assertThat(CliRun.run("send-message", "--url", host, "--exchange", room, "--username", "host", "--message", "open")
          .exitCode()).isZero();
      node.ctl("add_user", bob, password);
      node.ctl("set_permissions", "-p", "/", bob, permissions.configure(), permissions.write(), permissions.read());
      node.ctl("set_topic_permissions", "-p", "/", bob, permissions.topicExchange(), permissions.topicWrite(),
          permissions.topicRead());

      CliRun listening = CliRun.launch(bobsPassword, "subscribe", member, "--exchange", room, "--mode", "simple",
          "--heartbeat", "2").awaitReady();
      node.stopApp();
      node.startApp();

      // Bob's lwqueue reconnects, finds no room and may not create it: it says so and stops.
      assertThat(listening.awaitExit()).isEqualTo(ExitCode.CONNECTION_LOST.code());
      assertThat(listening.err()).contains("lwqueue: reconnecting…")
          .contains("the room '" + room + "' is gone, as after a broker restart")
          .contains("lwqueue room open");
      CliRun tooEarly = CliRun.run(bobsPassword, "send-message", member, "--exchange", room, "--username", bob,
          "--message", "anybody?");
      assertThat(tooEarly.exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
      assertThat(tooEarly.err()).startsWith("lwqueue: error: room '" + room + "' does not exist on 127.0.0.1 and "
          + "account '" + bob + "' may not create it: ask the room's host to open it");

      // The host's next lwqueue command declares the room again; bob starts again and is back.
      try (CliRun hostListens = CliRun.launch(Map.of(), "subscribe", "--url", host, "--exchange", room, "--mode",
          "simple").awaitReady()) {
        try (CliRun again = CliRun.launch(bobsPassword, "subscribe", member, "--exchange", room, "--mode", "simple")
            .awaitReady()) {
          assertThat(CliRun.run(bobsPassword, "send-message", member, "--exchange", room, "--username", bob,
              "--message", "back again").exitCode()).isZero();
          again.awaitOut("bob's message", o -> o.contains(bob + " \u2713: back again"), Duration.ofSeconds(30));
          hostListens.awaitOut("bob's message", o -> o.contains(bob + " \u2713: back again"), Duration.ofSeconds(30));
        }
      }
    } finally {
      try {
        node.ctl("delete_user", bob);
      } catch (Exception e) {
        // never created
      }
    }
  }
}
