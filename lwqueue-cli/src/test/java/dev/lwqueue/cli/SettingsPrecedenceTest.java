package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lwqueue.rabbitmq.RabbitMqSettings;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * One rule for every setting, level by level: command line, then environment, then .env, then
 * default; within a level the higher-ranked variable; a URL is a way to set several parts at once
 * and follows the same rule part by part.
 */
class SettingsPrecedenceTest {

  private static final String CLASSMATE = "amqp://bob:bobs-pw@classmate.example:5673/room";

  /** Parses {@code send-message ARGS} as Main does, with this environment and .env. */
  private static SendMessageCommand parse(Map<String, String> environment, Map<String, String> dotenv, String... args) {
    PrintWriter nowhere = new PrintWriter(new StringWriter());
    CommandLine cl = Main.commandLine(Env.layered(environment, dotenv), new ByteArrayInputStream(new byte[0]),
        nowhere, nowhere);
    String[] all = new String[args.length + 1];
    all[0] = "send-message";
    System.arraycopy(args, 0, all, 1, args.length);
    CommandLine.ParseResult parsed = cl.parseArgs(all);
    return (SendMessageCommand) parsed.subcommand().commandSpec().userObject();
  }

  private static RabbitMqSettings rabbit(Map<String, String> environment, Map<String, String> dotenv, String... args) {
    return parse(environment, dotenv, args).connection.rabbitMq();
  }

  @Test
  void aPartOnTheCommandLineBeatsAUrlFromTheEnvironmentOrDotenv() {
    for (Map<String, String>[] levels : levels(Map.of("LWQUEUE_AMQP_URL", CLASSMATE))) {
      RabbitMqSettings host = rabbit(levels[0], levels[1], "--host", "localhost");
      assertThat(host.host()).isEqualTo("localhost");
      assertThat(host.virtualHost()).as("the parts not typed still come from the URL").isEqualTo("room");

      assertThat(rabbit(levels[0], levels[1], "--port", "5999").port()).isEqualTo(5999);
      assertThat(rabbit(levels[0], levels[1], "--vhost", "mine").virtualHost()).isEqualTo("mine");
      RabbitMqSettings user = rabbit(levels[0], levels[1], "--rmq-username", "guest");
      assertThat(user.username()).isEqualTo("guest");
      assertThat(user.password()).as("the URL's password goes with the URL's user only").isEqualTo("guest");
    }
  }

  @Test
  void aUrlsPasswordIsNeverGivenToAnotherUser() {
    assertThatThrownBy(() -> rabbit(Map.of("LWQUEUE_AMQP_URL", CLASSMATE), Map.of(), "--rmq-username", "alice"))
        .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_CONFIGURATION))
        .hasMessageContaining("no password for RabbitMQ user 'alice'");
    assertThat(rabbit(Map.of("LWQUEUE_AMQP_URL", CLASSMATE, "RABBITMQ_DEFAULT_PASS", "alices-pw"), Map.of(),
        "--rmq-username", "alice").password()).isEqualTo("alices-pw");
  }

  @Test
  void withoutPartsTheUrlSetsEverythingAndBeatsPartVariablesOfItsLevel() {
    RabbitMqSettings s = rabbit(Map.of("LWQUEUE_AMQP_URL", CLASSMATE, "RABBITMQ_HOST", "other"), Map.of());
    assertThat(s.host()).isEqualTo("classmate.example");
    assertThat(s.port()).isEqualTo(5673);
    assertThat(s.username()).isEqualTo("bob");
    assertThat(s.password()).isEqualTo("bobs-pw");
    assertThat(s.virtualHost()).isEqualTo("room");
  }

  @Test
  void theEnvironmentBeatsDotenvWhateverTheVariable() {
    // a part variable in the environment beats a URL in .env
    assertThat(rabbit(Map.of("RABBITMQ_HOST", "envhost"), Map.of("LWQUEUE_AMQP_URL", CLASSMATE)).host())
        .isEqualTo("envhost");
    // a lower-ranked alias in the environment beats a higher-ranked one in .env
    assertThat(rabbit(Map.of("AMQP_URL", "amqp://guest:guest@envhost/"), Map.of("LWQUEUE_AMQP_URL", CLASSMATE)).host())
        .isEqualTo("envhost");
    SendMessageCommand pubsub = parse(Map.of("PROJECT_ID", "env-project"), Map.of("GOOGLE_CLOUD_PROJECT", "dotenv-project"));
    assertThat(pubsub.connection.pubSub.project).isEqualTo("env-project");
    // within a level, the higher-ranked alias
    assertThat(parse(Map.of("PROJECT_ID", "b", "GOOGLE_CLOUD_PROJECT", "a"), Map.of()).connection.pubSub.project)
        .isEqualTo("a");
    assertThat(parse(Map.of(), Map.of("PROJECT_ID", "b", "GOOGLE_CLOUD_PROJECT", "a")).connection.pubSub.project)
        .isEqualTo("a");
    assertThat(rabbit(Map.of("AMQP_URL", "amqp://guest:guest@second/", "LWQUEUE_AMQP_URL", "amqp://guest:guest@first/"),
        Map.of()).host()).isEqualTo("first");
  }

  @Test
  void eachLevelBeatsTheOneBelow() {
    Map<String, String> env = Map.of("RABBITMQ_HOST", "from-env", "LWQUEUE_EXCHANGE", "env-room");
    Map<String, String> dotenv = Map.of("RABBITMQ_HOST", "from-dotenv", "LWQUEUE_EXCHANGE", "dotenv-room");
    assertThat(rabbit(Map.of(), Map.of()).host()).isEqualTo("localhost");
    assertThat(rabbit(Map.of(), dotenv).host()).isEqualTo("from-dotenv");
    assertThat(rabbit(env, dotenv).host()).isEqualTo("from-env");
    assertThat(rabbit(env, dotenv, "--host", "typed").host()).isEqualTo("typed");
    assertThat(rabbit(Map.of(), dotenv).exchange()).isEqualTo("dotenv-room");
    assertThat(rabbit(env, dotenv).exchange()).isEqualTo("env-room");
    assertThat(rabbit(env, dotenv, "--exchange", "typed-room").exchange()).isEqualTo("typed-room");
  }

  @Test
  void aUrlAndOneOfItsPartsBothOnTheCommandLineIsAUsageError() {
    for (String[] conflict : new String[][] {
        {"--host", "h"}, {"--port", "1234"}, {"--rmq-username", "u"}, {"--vhost", "v"}, {"--rmq-password", "p"}}) {
      CliRun r = CliRun.run("send-message", "--username", "u", "--message", "m", "--url", CLASSMATE,
          conflict[0], conflict[1]);
      assertThat(r.exitCode()).as("%s; stderr: %s", conflict[0], r.err()).isEqualTo(ExitCode.USAGE.code());
      assertThat(r.err()).startsWith("lwqueue: error: --url and " + conflict[0]).doesNotContain("bobs-pw");
    }
    // a URL without a password and a password typed (or prompted for) go together
    assertThat(rabbit(Map.of(), Map.of(), "--url", "amqp://bob@h/", "--rmq-password", "p").password()).isEqualTo("p");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String>[][] levels(Map<String, String> variables) {
    return new Map[][] {{variables, Map.of()}, {Map.of(), variables}};
  }
}
