package dev.lwqueue.rabbitmq.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The exact RabbitMQ permissions of one account in a room: the three vhost-wide regular expressions
 * (configure, write, read) and the topic permissions on the private-message exchange.
 *
 * <p>What RabbitMQ checks, and why each pattern is what it is:
 * <ul>
 *   <li>declaring a queue, deleting it: configure on the queue. A member's own queues are the
 *       server-named {@code amq.gen-*} ones (exclusive, so no other connection can touch them even
 *       with the same pattern) and named queues {@code ACCOUNT.*}.
 *   <li>declaring or deleting an exchange: configure on it. Nobody but the host (and the
 *       {@code python} role, whose client insists on declaring) has it on the room, so a member can
 *       neither delete nor re-declare it; lwqueue declares passively then.
 *   <li>publishing: write on the exchange. Binding a queue: write on the queue, read on the exchange.
 *       Consuming: read on the queue.
 *   <li>on the topic exchange of private messages, RabbitMQ also checks the routing key: a binding
 *       key against the topic read pattern, a publish's routing key against the write pattern.
 *       {@code ^{username}$} is expanded by the broker to the connecting account, so an account
 *       can bind, and so receive, only messages addressed to itself.
 * </ul>
 *
 * @param topicExchange the exchange the topic patterns apply to (the room's private exchange)
 */
public record RoomPermissions(
    String configure, String write, String read, String topicExchange, String topicWrite, String topicRead) {

  /** Names of accounts a room can have: safe inside a regular expression, a URI and a routing key. */
  public static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  /** Only what is granted; RabbitMQ's way of saying "nothing". */
  public static final String NOTHING = "^$";

  /** The permissions of {@code account} with {@code role} in the room of these exchanges. */
  public static RoomPermissions of(RoomRole role, String account, String exchange, String privateExchange) {
    requireAccount(account);
    String ownQueues = "amq\\.gen-.*|" + quote(account) + "\\..*";
    String room = quote(exchange);
    String privateRoom = quote(privateExchange);
    return switch (role) {
      case MEMBER -> new RoomPermissions(any(ownQueues), any(ownQueues, room, privateRoom),
          any(ownQueues, room, privateRoom), privateExchange, ".*", "^{username}$");
      case SENDER -> new RoomPermissions(NOTHING, any(room, privateRoom), NOTHING, privateExchange, ".*", NOTHING);
      case READER -> new RoomPermissions(any(ownQueues), any(ownQueues), any(ownQueues, room, privateRoom),
          privateExchange, NOTHING, "^{username}$");
      case PYTHON -> new RoomPermissions(any(ownQueues, room), any(ownQueues, room, privateRoom),
          any(ownQueues, room, privateRoom), privateExchange, ".*", "^{username}$");
    };
  }

  public static void requireAccount(String account) {
    if (account == null || !ACCOUNT.matcher(account).matches()) {
      throw new IllegalArgumentException("account name '" + account + "' is not allowed: use 1 to 64 letters, "
          + "digits, '-' or '_', starting with a letter or digit");
    }
  }

  /**
   * The same permissions as {@code rabbitmqctl} lines, for a broker without the management plugin;
   * the password is set with {@code change_password} so the role tag survives.
   */
  public List<String> rabbitmqctl(String vhost, String account, RoomRole role, String password) {
    List<String> lines = new ArrayList<>();
    lines.add("rabbitmqctl add_user " + shell(account) + " " + shell(password));
    lines.add("rabbitmqctl set_user_tags " + shell(account) + " " + role.tag());
    lines.add("rabbitmqctl set_permissions -p " + shell(vhost) + " " + shell(account) + " " + shell(configure) + " "
        + shell(write) + " " + shell(read));
    lines.add("rabbitmqctl set_topic_permissions -p " + shell(vhost) + " " + shell(account) + " " + shell(topicExchange)
        + " " + shell(topicWrite) + " " + shell(topicRead));
    return lines;
  }

  private static String any(String... alternatives) {
    StringJoiner joined = new StringJoiner("|", "^(", ")$");
    for (String a : alternatives) {
      joined.add(a);
    }
    return joined.toString();
  }

  /** A literal name inside a regular expression (RabbitMQ's are Erlang's PCRE). */
  static String quote(String name) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toCharArray()) {
      if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** One shell word: single quotes, a quote inside written as '\''. */
  static String shell(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
