package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How {@code send-message --stdin} reads its input: every line, in order, in small hand-overs. */
class StdinLinesTest {

  private static List<List<String>> readAll(StdinLines lines) throws InterruptedException {
    List<List<String>> batches = new ArrayList<>();
    for (List<String> batch; (batch = lines.next()) != null; ) {
      batches.add(batch);
    }
    return batches;
  }

  @Test
  void everyLineInOrderInBatchesThatStaySmall() throws Exception {
    List<String> lines = IntStream.range(0, 10_000).mapToObj(i -> "line " + i + " héllo").toList();
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);

    List<List<String>> batches = readAll(new StdinLines(new ByteArrayInputStream(input)));

    assertThat(batches.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(lines);
    // The reader keeps no more than a batch or two ahead: what waits is live data for the collector.
    assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 64));
  }

  @Test
  void longLinesEndABatchSooner() throws Exception {
    String line = "x".repeat(10_000);
    byte[] input = (line + "\n").repeat(10).getBytes(StandardCharsets.UTF_8);

    List<List<String>> batches = readAll(new StdinLines(new ByteArrayInputStream(input)));

    assertThat(batches.stream().flatMap(List::stream)).hasSize(10).allMatch(line::equals);
    assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(2));
  }

  @Test
  void aLineComesOutAtOnceWhileTheFeederKeepsThePipeOpen() throws Exception {
    PipedOutputStream feeder = new PipedOutputStream();
    StdinLines lines = new StdinLines(new PipedInputStream(feeder));

    feeder.write("first\n".getBytes(StandardCharsets.UTF_8));
    feeder.flush();

    assertThat(CompletableFuture.supplyAsync(() -> {
      try {
        return lines.next();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }).get(10, TimeUnit.SECONDS)).containsExactly("first");
    feeder.close();
  }

  @Test
  void waitingForTheNextLineCanBeInterrupted() throws Exception {
    PipedOutputStream feeder = new PipedOutputStream();
    StdinLines lines = new StdinLines(new PipedInputStream(feeder));

    Thread.currentThread().interrupt();

    assertThatThrownBy(lines::next).isInstanceOf(InterruptedException.class);
    feeder.close();
  }
}
