package dev.lwqueue.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.rabbitmq.RabbitMqSettings;
import dev.lwqueue.rabbitmq.admin.Invitation;
import dev.lwqueue.rabbitmq.admin.RoomAdmin;
import dev.lwqueue.rabbitmq.admin.RoomPermissions;
import dev.lwqueue.rabbitmq.admin.RoomRole;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code room add-member}: a broker account with a generated password and its role's permissions. */
@Command(
    name = "add-member",
    description = {
      "Create a broker account for a classmate, with exactly the permissions of its role.",
      "The password is generated, and an invitation to pass on is printed (the password is shown only this "
          + "once). Roles: member (send, receive, private messages; named queues must start with NAME.), sender "
          + "(send only), reader (receive only), python (a member who may also declare the room, as the "
          + "original Python client does; that also allows deleting it)."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n")
public final class RoomAddMemberCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Mixin RoomOptions room;

  @Parameters(index = "0", paramLabel = "NAME", description = "The account to create: letters, digits, '-' or '_'.")
  String account;

  @Option(names = "--role", paramLabel = "ROLE", defaultValue = "member", converter = RoleConverter.class,
      description = "member, sender, reader or python (default: ${DEFAULT-VALUE}).")
  RoomRole role;

  @Option(names = "--json", description = "Print the account, role, password and permissions as JSON, for scripts.")
  boolean json;

  @Option(names = "--print-commands",
      description = "Do not call the management API: print the equivalent rabbitmqctl lines to run on the broker's "
          + "machine instead (for a RabbitMQ without the management plugin).")
  boolean printCommands;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    room.requireAccount(account);
    PrintWriter out = spec.commandLine().getOut();
    if (printCommands) {
      RabbitMqSettings settings = room.settings(false);
      RoomPermissions permissions = RoomPermissions.of(role, account, settings.exchange(), settings.privateExchange());
      out.println("# " + account + " as " + role.label() + " (" + role.summary() + ") in room '" + settings.exchange()
          + "', virtual host '" + settings.virtualHost() + "'; run on the broker's machine.");
      out.println("# The password below is generated now and shown only here; rabbitmqctl add_user takes it on the "
          + "command line, so run this where nobody else reads your process list.");
      permissions.rabbitmqctl(settings.virtualHost(), account, role, RoomAdmin.generatePassword()).forEach(out::println);
      out.println("# The room's exchanges ('" + settings.exchange() + "', fanout, and '" + settings.privateExchange()
          + "', topic) must exist: members may not create them. Any lwqueue command run with your own account "
          + "creates them, for example: lwqueue send-message --username host --message 'the room is open'");
      out.flush();
      return ExitCode.OK.code();
    }
    Invitation invitation = room.admin().addMember(account, role);
    if (json) {
      out.println(toJson(invitation));
    } else {
      printInvitation(out, invitation);
    }
    out.flush();
    return ExitCode.OK.code();
  }

  private static String toJson(Invitation invitation) {
    ObjectNode node = ChatCodec.mapper().createObjectNode();
    node.put("account", invitation.account());
    node.put("role", invitation.role().label());
    node.put("password", invitation.password());
    node.put("amqp_uri", invitation.amqpUri());
    node.put("vhost", invitation.vhost());
    node.put("exchange", invitation.exchange());
    RoomPermissions p = invitation.permissions();
    ObjectNode permissions = node.putObject("permissions");
    permissions.put("configure", p.configure());
    permissions.put("write", p.write());
    permissions.put("read", p.read());
    ObjectNode topic = permissions.putObject("topic");
    topic.put("exchange", p.topicExchange());
    topic.put("write", p.topicWrite());
    topic.put("read", p.topicRead());
    return node.toString();
  }

  private static void printInvitation(PrintWriter out, Invitation invitation) {
    String name = invitation.account();
    String url = invitation.amqpUri();
    String exchange = "chat".equals(invitation.exchange()) ? "" : " --exchange " + invitation.exchange();
    out.println("Created account '" + name + "' (role " + invitation.role().label() + ": " + invitation.role().summary()
        + ") for room '" + invitation.exchange() + "'.");
    out.println("Pass this on to " + name + "; the password is shown only now:");
    out.println();
    out.println("  password: " + invitation.password());
    String command = switch (invitation.role()) {
      case SENDER -> "lwqueue send-message --url " + url + exchange + " --rmq-password --username " + name
          + " --message 'hello'";
      case READER -> "lwqueue subscribe --url " + url + exchange + " --rmq-password --mode simple";
      case MEMBER, PYTHON -> "lwqueue chat --url " + url + exchange + " --rmq-password --username " + name;
    };
    out.println("  " + command);
    out.println("  (--rmq-password asks for the password; RABBITMQ_DEFAULT_PASS in the environment or .env works too)");
    if (invitation.role() != RoomRole.SENDER) {
      out.println("  Queues that keep your messages while you are away must be named " + name + ".something, "
          + "for example --queue " + name + ".inbox");
    }
    if (invitation.role() == RoomRole.PYTHON) {
      String pikaUrl = url.endsWith("/") ? url + "%2F" : url;
      out.println("  Python (pika): pika.URLParameters(\"" + pikaUrl.replace(name + "@", name + ":PASSWORD@") + "\")");
      out.println("  Note: the Python client declares the room's exchange itself, which RabbitMQ allows only with "
          + "configure permission on it, and that same permission allows deleting it: this account can "
          + "delete the room. Give this role only to someone you trust with it.");
    }
  }

  /** Case-insensitive role names, with the list in the error. */
  static final class RoleConverter implements ITypeConverter<RoomRole> {
    @Override
    public RoomRole convert(String value) {
      try {
        return RoomRole.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a role: use member, sender, reader or python");
      }
    }
  }
}
