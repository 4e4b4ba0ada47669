package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.lwqueue.rabbitmq.BrokerAdmin;
import dev.lwqueue.rabbitmq.TestBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code lwqueue room} and {@code lwqueue who} on the real broker, in a virtual host of the test's
 * own (so its room {@code chat} collides with nobody's); accounts get unique names and are deleted.
 */
class RoomCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BrokerAdmin ADMIN = BrokerAdmin.forTestBroker();
  private static final String VHOST = "lwq-roomcli-" + UUID.randomUUID().toString().substring(0, 8);

  private final List<String> accounts = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeAll
  static void createVhost() throws Exception {
    ADMIN.createVhost(VHOST);
  }

  @AfterAll
  static void deleteVhost() {
    ADMIN.deleteVhost(VHOST);
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        // already closed
      }
    }
    accounts.forEach(ADMIN::deleteUserIfPresent);
  }

  /** The room host's options: the test broker's own account, the test's vhost. */
  static String[] owner(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--url=" + TestBroker.amqpUri(VHOST));
    all.add("--management-url=" + ADMIN.baseUrl());
    return all.toArray(String[]::new);
  }

  private String account(String prefix) {
    String account = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.add(account);
    return account;
  }

  private JsonNode addMember(String account, String role) throws Exception {
    CliRun run = CliRun.run(owner("room", "add-member", account, "--role", role, "--json"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  @Test
  void addMemberPrintsAnInvitationWithThePasswordOnce() throws Exception {
    String bob = account("bob");
    CliRun run = CliRun.run(owner("room", "add-member", bob));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Created account '" + bob + "' (role member")
        .containsPattern("password: [A-Za-z0-9_-]{24}\n")
        .contains("lwqueue chat --url amqp://" + bob + "@127.0.0.1:5672/" + VHOST + " --rmq-password --username " + bob)
        .contains("--queue " + bob + ".inbox");
    JsonNode permissions = ADMIN.get("/api/permissions/" + VHOST + "/" + bob);
    assertThat(permissions.path("configure").asText()).isEqualTo("^(amq\\.gen-.*|" + bob + "\\..*)$");
    JsonNode topic = ADMIN.get("/api/topic-permissions/" + VHOST + "/" + bob).get(0);
    assertThat(topic.path("exchange").asText()).isEqualTo("chat.private");
    assertThat(topic.path("read").asText()).isEqualTo("^{username}$");
    // The room exists for members, who may not create it.
    assertThat(ADMIN.get("/api/exchanges/" + VHOST + "/chat").path("type").asText()).isEqualTo("fanout");
    assertThat(ADMIN.get("/api/exchanges/" + VHOST + "/chat.private").path("type").asText()).isEqualTo("topic");

    CliRun again = CliRun.run(owner("room", "add-member", bob, "--role", "reader"));
    assertThat(again.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(again.err()).startsWith("lwqueue: error: account '" + bob + "' already exists");
  }

  @Test
  void jsonCarriesAccountRolePasswordAndPermissions() throws Exception {
    String carol = account("carol");
    JsonNode invitation = addMember(carol, "sender");
    assertThat(invitation.path("account").asText()).isEqualTo(carol);
    assertThat(invitation.path("role").asText()).isEqualTo("sender");
    assertThat(invitation.path("password").asText()).hasSize(24);
    assertThat(invitation.path("permissions").path("configure").asText()).isEqualTo("^$");
    assertThat(invitation.path("permissions").path("write").asText()).isEqualTo("^(chat|chat\\.private)$");
    // The password works, once: it is the account's.
    try (Connection c = TestBroker.rawConnection(carol, invitation.path("password").asText(), VHOST, "room-cli")) {
      assertThat(c.isOpen()).isTrue();
    }
  }

  @Test
  void printCommandsGivesRabbitmqctlLinesThatGrantTheSamePermissions() throws Exception {
    String viaApi = account("api");
    String viaCtl = account("ctl");
    addMember(viaApi, "python");
    CliRun printed = CliRun.run(owner("room", "add-member", viaCtl, "--role", "python", "--print-commands"));
    assertThat(printed.exitCode()).as(printed.err()).isZero();
    assertThat(ADMIN.get("/api/users").findValuesAsText("name")).as("nothing created").doesNotContain(viaCtl);

    Process shell = new ProcessBuilder("bash", "-euc", printed.out()).redirectErrorStream(true).start();
    String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shell.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(shell.exitValue()).as(output).isZero();

    JsonNode api = ADMIN.get("/api/permissions/" + VHOST + "/" + viaApi);
    JsonNode ctl = ADMIN.get("/api/permissions/" + VHOST + "/" + viaCtl);
    for (String kind : List.of("configure", "write", "read")) {
      assertThat(ctl.path(kind).asText()).isEqualTo(api.path(kind).asText().replace(viaApi, viaCtl));
    }
    assertThat(ADMIN.get("/api/topic-permissions/" + VHOST + "/" + viaCtl).get(0).path("read").asText())
        .isEqualTo("^{username}$");
    assertThat(ADMIN.get("/api/users/" + viaCtl).path("tags").toString()).contains("lwqueue-python");
  }

  @Test
  void membersShowsRolesAndWhoIsOnline() throws Exception {
    String bob = account("bob");
    String carol = account("carol");
    JsonNode bobs = addMember(bob, "member");
    addMember(carol, "reader");
    resources.add(TestBroker.rawConnection(bob, bobs.path("password").asText(), VHOST, "room-cli bob"));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      CliRun members = CliRun.run(owner("room", "members", "--json"));
      assertThat(members.exitCode()).as(members.err()).isZero();
      JsonNode list = JSON.readTree(members.out());
      assertThat(list.findValues("account")).extracting(JsonNode::asText).contains(bob, carol);
      for (JsonNode m : list) {
        if (m.path("account").asText().equals(bob)) {
          assertThat(m.path("role").asText()).isEqualTo("member");
          assertThat(m.path("online").asBoolean()).isTrue();
        }
        if (m.path("account").asText().equals(carol)) {
          assertThat(m.path("role").asText()).isEqualTo("reader");
          assertThat(m.path("online").asBoolean()).isFalse();
        }
      }
    });
    CliRun table = CliRun.run(owner("room", "members"));
    assertThat(table.out()).containsPattern(bob + " +member +yes \\(1 connection\\)")
        .containsPattern(carol + " +reader +no");
  }

  @Test
  void removeMemberClosesTheConnectionAndTheNextOneFailsWithExit5() throws Exception {
    String bob = account("bob");
    JsonNode invitation = addMember(bob, "member");
    Connection bobs = TestBroker.rawConnection(bob, invitation.path("password").asText(), VHOST, "room-cli bob");
    resources.add(bobs);
    await().atMost(Duration.ofSeconds(30)).until(() -> ADMIN.get("/api/vhosts/" + VHOST + "/connections")
        .findValuesAsText("user").contains(bob));

    CliRun removed = CliRun.run(owner("room", "remove-member", bob));
    assertThat(removed.exitCode()).as(removed.err()).isZero();
    assertThat(removed.out()).contains("Removed account '" + bob + "'; closed 1 open connection.");
    await().atMost(Duration.ofSeconds(10)).until(() -> !bobs.isOpen());

    CliRun next = CliRun.run(Map.of("RABBITMQ_DEFAULT_PASS", invitation.path("password").asText()),
        "send-message", "--url=amqp://" + bob + "@127.0.0.1:5672/" + VHOST, "--username", bob, "--message", "back?");
    assertThat(next.exitCode()).as(next.err()).isEqualTo(ExitCode.AUTHENTICATION_FAILED.code());
    assertThat(next.err()).startsWith("lwqueue: error: authentication failed for user '" + bob + "'");
  }

  @Test
  void errorsAreOneLineWithTheirExitCodes() {
    CliRun wrong = CliRun.run("room", "members", "--url=amqp://guest:wrong@127.0.0.1:5672/" + VHOST,
        "--management-url=" + ADMIN.baseUrl());
    assertThat(wrong.exitCode()).isEqualTo(ExitCode.AUTHENTICATION_FAILED.code());
    assertThat(wrong.err()).startsWith("lwqueue: error: the management API at").doesNotContain("wrong@");

    CliRun unreachable = CliRun.run("room", "members", "--url=" + TestBroker.amqpUri(VHOST),
        "--management-url=http://127.0.0.1:1");
    assertThat(unreachable.exitCode()).isEqualTo(ExitCode.UNREACHABLE.code());
    assertThat(unreachable.err()).contains("is the management plugin enabled").contains("--print-commands");

    CliRun noVhost = CliRun.run("room", "members", "--url=" + TestBroker.amqpUri("lwq-no-such-vhost"),
        "--management-url=" + ADMIN.baseUrl());
    assertThat(noVhost.exitCode()).isEqualTo(ExitCode.VHOST_NOT_FOUND.code());

    CliRun badName = CliRun.run(owner("room", "add-member", "a.b"));
    assertThat(badName.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(badName.err()).startsWith("lwqueue: error: account name 'a.b' is not allowed");

    CliRun badRole = CliRun.run(owner("room", "add-member", "x", "--role", "admin"));
    assertThat(badRole.exitCode()).isEqualTo(ExitCode.USAGE.code());

    CliRun pubsub = CliRun.run("room", "members", "--backend", "pubsub");
    assertThat(pubsub.exitCode()).isEqualTo(ExitCode.USAGE.code());
  }

  @Test
  void whoListsThreeSubscribersOfMixedClientsWithTheirAccounts() throws Exception {
    String dave = account("dave");
    String erin = account("erin");
    JsonNode daves = addMember(dave, "python");
    JsonNode erins = addMember(erin, "member");

    // The original Python client, as a python-role account.
    Process pika = PikaInteropTest.python("receive.py",
        "amqp://" + dave + ":" + daves.path("password").asText() + "@127.0.0.1:5672/" + VHOST, "chat", "1");
    resources.add(pika::destroyForcibly);
    BufferedReader pikaOut = new BufferedReader(new InputStreamReader(pika.getInputStream(), StandardCharsets.UTF_8));
    assertThat(pikaOut.readLine()).isEqualTo("READY");
    // Another client (amqp-client as such), as a member.
    Connection raw = TestBroker.rawConnection(erin, erins.path("password").asText(), VHOST, "room-cli erin");
    resources.add(raw);
    Channel channel = raw.createChannel();
    String queue = channel.queueDeclare().getQueue();
    channel.queueBind(queue, "chat", "");
    channel.basicConsume(queue, true, (tag, d) -> { }, tag -> { });
    // lwqueue, as the host.
    CliRun lwqueue = CliRun.launch(Map.of(), "subscribe", "--mode", "simple", "--url=" + TestBroker.amqpUri(VHOST)).awaitReady();
    resources.add(lwqueue);

    String owner = dev.lwqueue.rabbitmq.RabbitMqSettings.fromUri(TestBroker.amqpUri()).username();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      CliRun who = CliRun.run(owner("who", "--json"));
      assertThat(who.exitCode()).as(who.err()).isZero();
      JsonNode list = JSON.readTree(who.out());
      assertThat(list).hasSize(3);
      Map<String, String> clientByAccount = new java.util.HashMap<>();
      list.forEach(p -> clientByAccount.put(p.path("account").asText(), p.path("client").asText()));
      assertThat(clientByAccount).containsEntry(dave, "python (pika)").containsEntry(owner, "lwqueue");
      assertThat(clientByAccount.get(erin)).startsWith("RabbitMQ");
      list.forEach(p -> assertThat(p.path("from").asText()).startsWith("127.0.0.1:"));
      list.forEach(p -> assertThat(p.path("since").asText()).isNotEmpty());
    });
    CliRun table = CliRun.run(owner("who"));
    assertThat(table.out()).startsWith("3 are in the room:").contains(dave).contains(erin);
  }

  /** A member's options: the invitation's URI, the password from the environment as the invitation says. */
  private static Map<String, String> passwordOf(JsonNode invitation) {
    return Map.of("RABBITMQ_DEFAULT_PASS", invitation.path("password").asText());
  }

  private static String urlOf(JsonNode invitation) {
    return "--url=" + invitation.path("amqp_uri").asText();
  }

  @Test
  void aMemberChatsBothWaysWithTheHostAndASenderSendsButCannotSubscribe() throws Exception {
    String bob = account("bob");
    String carol = account("carol");
    JsonNode bobs = addMember(bob, "member");
    JsonNode carols = addMember(carol, "sender");
    String owner = dev.lwqueue.rabbitmq.RabbitMqSettings.fromUri(TestBroker.amqpUri()).username();

    CliRun hostListens = CliRun.launch(Map.of(), "subscribe", "--mode", "simple", "--url=" + TestBroker.amqpUri(VHOST))
        .awaitReady();
    resources.add(hostListens);
    CliRun bobListens = CliRun.launch(passwordOf(bobs), "subscribe", "--mode", "simple", urlOf(bobs)).awaitReady();
    resources.add(bobListens);

    CliRun bobSays = CliRun.run(passwordOf(bobs), "send-message", urlOf(bobs), "--username", bob, "--message", "hi host");
    assertThat(bobSays.exitCode()).as(bobSays.err()).isZero();
    hostListens.awaitOut("bob's message, marked verified", o -> o.contains(bob + " \u2713: hi host"), Duration.ofSeconds(20));

    CliRun hostSays = CliRun.run("send-message", "--url=" + TestBroker.amqpUri(VHOST), "--username", owner,
        "--message", "hi bob");
    assertThat(hostSays.exitCode()).as(hostSays.err()).isZero();
    bobListens.awaitOut("the host's message", o -> o.contains(owner + " \u2713: hi bob"), Duration.ofSeconds(20));

    CliRun carolSays = CliRun.run(passwordOf(carols), "send-message", urlOf(carols), "--username", "someone else",
        "--message", "from the sender");
    assertThat(carolSays.exitCode()).as(carolSays.err()).isZero();
    hostListens.awaitOut("the sender's message, unverified under another name",
        o -> o.contains("someone else: from the sender"), Duration.ofSeconds(20));

    CliRun carolListens = CliRun.run(passwordOf(carols), "subscribe", urlOf(carols), "--max-messages", "1");
    assertThat(carolListens.exitCode()).isEqualTo(ExitCode.ACCESS_REFUSED.code());
    assertThat(carolListens.err()).startsWith("lwqueue: error: user '" + carol + "' may not subscribe")
        .contains("ACCESS_REFUSED");
  }

  @Test
  void aMemberMayUseNamedQueuesOfItsOwnOnlyAndCannotDeleteTheRoom() throws Exception {
    String bob = account("bob");
    String carol = account("carol");
    JsonNode bobs = addMember(bob, "member");
    JsonNode carols = addMember(carol, "member");
    CliRun own = CliRun.launch(passwordOf(bobs), "subscribe", urlOf(bobs), "--queue", bob + ".inbox").awaitReady();
    own.stop();

    CliRun others = CliRun.run(passwordOf(carols), "subscribe", urlOf(carols), "--queue", bob + ".inbox");
    assertThat(others.exitCode()).isEqualTo(ExitCode.ACCESS_REFUSED.code());
    assertThat(others.err()).startsWith("lwqueue: error: user '" + carol + "' may not subscribe with queue '"
        + bob + ".inbox'").contains("ACCESS_REFUSED").doesNotContain("\tat ");
    try (Connection c = TestBroker.rawConnection(carol, carols.path("password").asText(), VHOST, "room-cli carol")) {
      Channel ch = c.createChannel();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ch.exchangeDelete("chat"))
          .satisfies(e -> assertThat(e.getCause().getMessage()).contains("reply-code=403", "ACCESS_REFUSED"));
    }
  }

  @Test
  void thePythonClientWorksWithAPythonAccountAndIsShownUnverifiedAndHiddenByVerifiedOnly() throws Exception {
    String dave = account("dave");
    String bob = account("bob");
    JsonNode daves = addMember(dave, "python");
    JsonNode bobs = addMember(bob, "member");
    String pikaUrl = "amqp://" + dave + ":" + daves.path("password").asText() + "@127.0.0.1:5672/" + VHOST;

    CliRun all = CliRun.launch(Map.of(), "subscribe", "--mode", "json", "--url=" + TestBroker.amqpUri(VHOST))
        .awaitReady();
    resources.add(all);
    CliRun verifiedOnly = CliRun.launch(Map.of(), "subscribe", "--mode", "simple", "--verified-only",
        "--url=" + TestBroker.amqpUri(VHOST)).awaitReady();
    resources.add(verifiedOnly);

    Process pikaSend = PikaInteropTest.python("send.py", pikaUrl, "chat", dave, "hello from python");
    assertThat(pikaSend.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(pikaSend.exitValue()).as(new String(pikaSend.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .isZero();
    CliRun bobSays = CliRun.run(passwordOf(bobs), "send-message", urlOf(bobs), "--username", bob, "--message", "signed");
    assertThat(bobSays.exitCode()).as(bobSays.err()).isZero();

    all.awaitOut("both messages", o -> o.contains("hello from python") && o.contains("signed"), Duration.ofSeconds(20));
    for (String line : all.out().split("\n")) {
      JsonNode message = JSON.readTree(line);
      if (message.path("message").asText().equals("hello from python")) {
        assertThat(message.path("verified").asBoolean()).isFalse();
        assertThat(message.path("account").isNull()).isTrue();
      } else {
        assertThat(message.path("verified").asBoolean()).isTrue();
        assertThat(message.path("account").asText()).isEqualTo(bob);
      }
    }
    verifiedOnly.awaitOut("bob's verified message", o -> o.contains(bob + " \u2713: signed"), Duration.ofSeconds(20));
    verifiedOnly.stop();
    assertThat(verifiedOnly.out()).doesNotContain("hello from python");
    assertThat(verifiedOnly.err()).contains("hid 1 unverified message (--verified-only)");

    // And the Python consumer receives what a member sends.
    Process pikaReceive = PikaInteropTest.python("receive.py", pikaUrl, "chat", "1");
    resources.add(pikaReceive::destroyForcibly);
    BufferedReader lines = new BufferedReader(new InputStreamReader(pikaReceive.getInputStream(), StandardCharsets.UTF_8));
    assertThat(lines.readLine()).isEqualTo("READY");
    assertThat(CliRun.run(passwordOf(bobs), "send-message", urlOf(bobs), "--username", bob, "--message", "to python")
        .exitCode()).isZero();
    assertThat(lines.readLine()).isEqualTo("{\"username\": \"" + bob + "\", \"message\": \"to python\"}");
  }

  @Test
  void aPrivateMessageReachesItsRecipientAndNotAThirdSubscriber() throws Exception {
    String bob = account("bob");
    String carol = account("carol");
    JsonNode bobs = addMember(bob, "member");
    JsonNode carols = addMember(carol, "member");
    CliRun bobListens = CliRun.launch(passwordOf(bobs), "subscribe", "--mode", "simple", urlOf(bobs)).awaitReady();
    resources.add(bobListens);
    CliRun carolListens = CliRun.launch(passwordOf(carols), "subscribe", "--mode", "json", urlOf(carols)).awaitReady();
    resources.add(carolListens);

    CliRun secret = CliRun.run(passwordOf(carols), "send-message", urlOf(carols), "--username", carol, "--to", bob,
        "--message", "for bob only");
    assertThat(secret.exitCode()).as(secret.err()).isZero();
    assertThat(secret.out()).startsWith("Sent privately to " + bob + " ");
    CliRun open = CliRun.run(passwordOf(carols), "send-message", urlOf(carols), "--username", carol, "--message",
        "for everybody");
    assertThat(open.exitCode()).as(open.err()).isZero();

    bobListens.awaitOut("both", o -> o.contains("for everybody") && o.contains("for bob only"), Duration.ofSeconds(20));
    assertThat(bobListens.out()).containsPattern("\\[private to " + bob + "\\] \\d\\d:\\d\\d:\\d\\d " + carol
        + " \u2713: for bob only");
    carolListens.awaitOut("the room's message", o -> o.contains("for everybody"), Duration.ofSeconds(20));
    Thread.sleep(500); // the private one was published first: had it reached carol, it would be here by now
    assertThat(carolListens.out()).doesNotContain("for bob only");

    CliRun nobody = CliRun.run(passwordOf(carols), "send-message", urlOf(carols), "--username", carol, "--to",
        "nobody-here", "--message", "hello?");
    assertThat(nobody.exitCode()).isZero();
    assertThat(nobody.err()).contains("nobody-here is not subscribed right now");
  }

  @Test
  void removeMemberEndsARunningLwqueueOfThatMember() throws Exception {
    String bob = account("bob");
    JsonNode bobs = addMember(bob, "member");
    CliRun bobListens = CliRun.launch(passwordOf(bobs), "subscribe", urlOf(bobs)).awaitReady();
    resources.add(bobListens);
    await().atMost(Duration.ofSeconds(30)).until(() -> ADMIN.get("/api/vhosts/" + VHOST + "/connections")
        .findValuesAsText("user").contains(bob));
    assertThat(CliRun.run(owner("room", "remove-member", bob)).exitCode()).isZero();
    // Closed by the host, it tries to come back and is refused: lost for good, saying why.
    assertThat(bobListens.awaitExit()).isEqualTo(ExitCode.CONNECTION_LOST.code());
    assertThat(bobListens.err()).contains("CONNECTION_FORCED")
        .contains("authentication failed for user '" + bob + "' (the account was removed");
  }
}
