package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lwqueue.cli.output.LinePrinter;
import dev.lwqueue.cli.output.PrintFormat;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.Delivery;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The subscriber's buffered output: nothing lost, nothing held back for long. */
class LinePrinterTest {

  private final StringWriter written = new StringWriter();
  // Buffered like Main's stdout, so a line reaches `written` only when flushed.
  private final PrintWriter out = new PrintWriter(new BufferedWriter(written, 1 << 16), false);
  private final LinePrinter printer = new LinePrinter(out, new PrintFormat());

  private static Delivery delivery(String text) {
    return Delivery.of(ChatCodec.encode(ChatMessage.of("alice", text)), false, Map.of());
  }

  @Test
  void everyLineIsThereInOrderAfterFlush() {
    for (int i = 0; i < 20_000; i++) {
      printer.onDelivery(delivery("message " + i));
    }
    printer.flush();
    String[] lines = written.toString().split("\n");
    assertThat(lines).hasSize(20_000);
    for (int i = 0; i < lines.length; i++) {
      assertThat(lines[i]).isEqualTo("Received {\"username\":\"alice\",\"message\":\"message " + i + "\"}");
    }
  }

  @Test
  void aFewLinesAreFlushedWithoutAnyoneAskingOnceTrafficStops() {
    printer.onDelivery(delivery("one"));
    printer.onDelivery(delivery("two"));
    await().atMost(Duration.ofSeconds(10)).until(() -> written.toString().split("\n").length == 2);
    assertThat(written.toString()).endsWith("\"message\":\"two\"}\n");
  }
}
