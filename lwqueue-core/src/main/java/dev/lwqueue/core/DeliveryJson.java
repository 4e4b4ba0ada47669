package dev.lwqueue.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * One JSON object per delivery, for scripts and {@code jq} ({@code subscribe --mode json}) and for
 * the HTTP stream of {@code serve}: nothing is cut and nothing is lost,
 * the raw body included (as text when it is UTF-8, and as base64 when it is not).
 *
 * <pre>{@code
 * {"received_at":"…","redelivered":false,"bytes":42,"username":"alice","message":"hi",
 *  "id":"…","sent_at":"…","body":"{\"username\":\"alice\",…}"}
 * {"received_at":"…","redelivered":false,"bytes":3,"problem":"body is not valid UTF-8",
 *  "body":null,"body_base64":"//79"}
 * }</pre>
 *
 * <p>The line is still terminal-safe: besides JSON's own escapes for C0 controls, DEL, C1 controls,
 * bidirectional overrides, invisible format and tag characters and lone surrogates are written as
 * {@code \}{@code uXXXX} escapes, which every JSON reader turns back into the exact characters.
 */
public final class DeliveryJson {

  private static final ObjectMapper MAPPER = ChatCodec.mapper();

  private DeliveryJson() {}

  /** The delivery as one line of JSON, without the line break. */
  public static String format(Delivery delivery) {
    ObjectNode line = MAPPER.createObjectNode();
    line.put("received_at", delivery.receivedAt().toString());
    line.put("redelivered", delivery.redelivered());
    line.put("bytes", delivery.body().length);
    ChatMessage message = delivery.message();
    if (message != null) {
      line.put("username", message.username());
      line.put("message", message.message());
      if (message.id() != null) {
        line.put("id", message.id());
      }
      if (message.sentAt() != null) {
        line.put("sent_at", message.sentAt().toString());
      }
    } else {
      line.put("problem", delivery.problem());
    }
    // Who the broker says sent it; verified only when that account is the name the message shows.
    line.put("account", delivery.account());
    line.put("verified", delivery.verified());
    if (delivery.isPrivate()) {
      line.put("private_to", delivery.recipient());
    }
    if (ChatCodec.isValidUtf8(delivery.body())) {
      line.put("body", delivery.bodyText());
    } else {
      line.putNull("body");
      line.put("body_base64", Base64.getEncoder().encodeToString(delivery.body()));
    }
    try {
      return escapeUnsafe(MAPPER.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a JSON line", e);
    }
  }

  /**
   * Replaces every character a terminal could act on with its JSON escape. Outside string literals
   * JSON is plain ASCII, so any such character sits inside a string, where an escape means the same.
   * This also turns a lone surrogate (a JSON body may carry one as {@code "\ud800"}) back into an
   * escape instead of a character no UTF-8 output can hold.
   */
  public static String escapeUnsafe(String json) {
    StringBuilder out = null;
    for (int i = 0; i < json.length(); ) {
      int cp = json.codePointAt(i);
      int n = Character.charCount(cp);
      if (cp >= 0x7F && TerminalText.isUnsafeCodePoint(cp)) {
        if (out == null) {
          out = new StringBuilder(json.length() + 16).append(json, 0, i);
        }
        for (char c : Character.toChars(cp)) {
          out.append(String.format("\\u%04x", (int) c));
        }
      } else if (out != null) {
        out.append(json, i, i + n);
      }
      i += n;
    }
    return out == null ? json : out.toString();
  }
}
