package dev.lwqueue.cli;

import java.io.InputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command; it only holds the subcommands and what they share. */
@Command(
    name = LwqueueCommand.NAME,
    versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "A terminal chat where every message travels through a real message broker.",
      "The broker is RabbitMQ (fanout exchange 'chat', wire-compatible with the Python pika clients) or "
          + "Google Cloud Pub/Sub. Options can also be set in the environment or in a .env file, and the command "
          + "line wins over both."
    },
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lwqueue subscribe --mode simple",
      "  lwqueue subscribe --mode rich",
      "  lwqueue chat --username alice",
      "  lwqueue send-message --username alice --message 'hello, room'",
      "  lwqueue send-message --host 192.168.1.20 --username bob --message hi",
      "  lwqueue subscribe --backend pubsub --emulator-host localhost:8085",
      "  lwqueue bench --subscribers 10 --rate 100 --duration 20",
      "  lwqueue archive    (then, once stopped: lwqueue stats)",
      "  lwqueue room add-member bob",
      "  lwqueue who",
      "  lwqueue webhook https://bot.example/hooks/chat",
      "  lwqueue serve",
      "",
      "Run 'lwqueue COMMAND --help' for a command's options and exit codes. 'lwqueue completion bash' (or zsh) "
          + "prints shell completion; the build makes man pages (README, 'Help, completion and man pages')."
    },
    subcommands = {
      SendMessageCommand.class,
      SubscribeCommand.class,
      ChatCommand.class,
      BenchCommand.class,
      BenchTuiCommand.class,
      ArchiveCommand.class,
      StatsCommand.class,
      RoomCommand.class,
      WhoCommand.class,
      WebhookCommand.class,
      DeadLettersCommand.class,
      ServeCommand.class,
      CompletionCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public final class LwqueueCommand implements Runnable {

  static final String NAME = "lwqueue";

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  private final Env env;
  private final InputStream stdin;

  public LwqueueCommand(Env env) {
    this(env, System.in);
  }

  public LwqueueCommand(Env env, InputStream stdin) {
    this.env = env;
    this.stdin = stdin;
  }

  public Env env() {
    return env;
  }

  /** Where {@code send-message --stdin} reads; tests hand in their own. */
  public InputStream stdin() {
    return stdin;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required: send-message, subscribe or chat");
  }
}
