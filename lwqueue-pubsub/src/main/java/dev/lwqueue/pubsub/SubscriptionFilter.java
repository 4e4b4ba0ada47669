package dev.lwqueue.pubsub;

import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Pub/Sub subscription filter, evaluated on the client. Google applies a subscription's filter
 * on the server, but the emulator accepts filters and ignores them; so that a filtered
 * subscription behaves the same on both, lwqueue checks every message against the filter again.
 *
 * <p>The syntax is Pub/Sub's: {@code attributes:KEY} (has the key), {@code attributes.KEY = "V"},
 * {@code attributes.KEY != "V"} (true also when the key is missing), {@code hasPrefix(attributes.KEY,
 * "P")}, {@code NOT} or {@code -}, {@code AND}, {@code OR} (not mixed without parentheses), and
 * parentheses. A key is a run of letters, digits, {@code -} and {@code _}, or a string literal.
 */
public final class SubscriptionFilter {

  private final Node root;
  private final String source;

  private SubscriptionFilter(Node root, String source) {
    this.root = root;
    this.source = source;
  }

  /** Parses a filter; a filter Pub/Sub would refuse is a {@code BAD_CONFIGURATION} error. */
  public static SubscriptionFilter parse(String filter) {
    Parser parser = new Parser(filter);
    Node root = parser.expression();
    parser.skipSpace();
    if (!parser.atEnd()) {
      throw parser.error("unexpected text");
    }
    return new SubscriptionFilter(root, filter);
  }

  public boolean matches(Map<String, String> attributes) {
    return root.test(attributes);
  }

  @Override
  public String toString() {
    return source;
  }

  @FunctionalInterface
  private interface Node {
    boolean test(Map<String, String> attributes);
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Node expression() {
      List<Node> terms = new ArrayList<>();
      terms.add(unary());
      String operator = null;
      while (true) {
        skipSpace();
        String next = keywordAhead("AND") ? "AND" : keywordAhead("OR") ? "OR" : null;
        if (next == null) {
          break;
        }
        if (operator != null && !operator.equals(next)) {
          throw error("AND and OR need parentheses to be combined");
        }
        operator = next;
        pos += next.length();
        terms.add(unary());
      }
      if (terms.size() == 1) {
        return terms.get(0);
      }
      List<Node> all = List.copyOf(terms);
      return "AND".equals(operator)
          ? a -> all.stream().allMatch(n -> n.test(a))
          : a -> all.stream().anyMatch(n -> n.test(a));
    }

    private Node unary() {
      skipSpace();
      if (keywordAhead("NOT")) {
        pos += 3;
        Node inner = unary();
        return a -> !inner.test(a);
      }
      if (peek() == '-') {
        pos++;
        Node inner = unary();
        return a -> !inner.test(a);
      }
      if (peek() == '(') {
        pos++;
        Node inner = expression();
        skipSpace();
        expect(')');
        return inner;
      }
      if (keywordAhead("hasPrefix")) {
        pos += "hasPrefix".length();
        skipSpace();
        expect('(');
        skipSpace();
        expectWord("attributes");
        expect('.');
        String key = key();
        skipSpace();
        expect(',');
        skipSpace();
        String prefix = string();
        skipSpace();
        expect(')');
        return a -> a.containsKey(key) && a.get(key).startsWith(prefix);
      }
      expectWord("attributes");
      if (peek() == ':') {
        pos++;
        String key = key();
        return a -> a.containsKey(key);
      }
      expect('.');
      String key = key();
      skipSpace();
      boolean equal;
      if (text.startsWith("!=", pos)) {
        pos += 2;
        equal = false;
      } else {
        expect('=');
        equal = true;
      }
      skipSpace();
      String value = string();
      // Pub/Sub: != matches messages without the key too, so it is exactly NOT (=).
      return equal ? a -> value.equals(a.get(key)) : a -> !value.equals(a.get(key));
    }

    private String key() {
      if (peek() == '"') {
        return string();
      }
      int start = pos;
      while (!atEnd() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
          || text.charAt(pos) == '-')) {
        pos++;
      }
      if (start == pos) {
        throw error("attribute key expected");
      }
      return text.substring(start, pos);
    }

    /** A string literal with the escapes Pub/Sub allows: \\ \" \' \n \t \r \b \f \v \a, \\uXXXX, \\xHH, octal. */
    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        if (atEnd()) {
          throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (atEnd()) {
          throw error("unterminated escape");
        }
        char e = text.charAt(pos++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'v' -> out.append('\u000B');
          case 'a' -> out.append('\u0007');
          case 'u' -> out.append((char) hex(4));
          case 'x' -> out.append((char) hex(2));
          default -> {
            if (e >= '0' && e <= '7') {
              int value = e - '0';
              for (int i = 0; i < 2 && !atEnd() && text.charAt(pos) >= '0' && text.charAt(pos) <= '7'; i++) {
                value = value * 8 + (text.charAt(pos++) - '0');
              }
              out.append((char) value);
            } else {
              out.append(e); // \\ \" \' and any other escaped character stand for themselves
            }
          }
        }
      }
    }

    private int hex(int digits) {
      if (pos + digits > text.length()) {
        throw error("short hex escape");
      }
      try {
        int value = Integer.parseInt(text.substring(pos, pos + digits), 16);
        pos += digits;
        return value;
      } catch (NumberFormatException e) {
        throw error("bad hex escape");
      }
    }

    /** Whether a keyword starts here and is not the beginning of a longer word. */
    private boolean keywordAhead(String word) {
      if (!text.startsWith(word, pos)) {
        return false;
      }
      int end = pos + word.length();
      return end >= text.length() || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_');
    }

    private void expectWord(String word) {
      if (!text.startsWith(word, pos)) {
        throw error("'" + word + "' expected");
      }
      pos += word.length();
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("'" + c + "' expected");
      }
      pos++;
    }

    private char peek() {
      return atEnd() ? '\0' : text.charAt(pos);
    }

    boolean atEnd() {
      return pos >= text.length();
    }

    void skipSpace() {
      while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    TransportException error(String problem) {
      return new TransportException(Kind.BAD_CONFIGURATION,
          "subscription filter '" + dev.lwqueue.core.TerminalText.sanitize(text) + "' is not valid at position "
              + (pos + 1) + ": " + problem);
    }
  }
}
