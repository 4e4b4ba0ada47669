package dev.lwqueue.cli;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.lwqueue.cli.tui.LiveTableView;
import dev.lwqueue.cli.tui.RenderLoop;
import dev.lwqueue.cli.tui.TerminalSession;
import dev.lwqueue.cli.tui.model.ConnectionStatus;
import dev.lwqueue.cli.tui.model.MessageLog;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.Delivery;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A benchmark, not a test: feeds messages into the rich view at a fixed rate, the way the
 * transport thread would (decoding each body into a delivery), while the render loop draws, and
 * prints redraws per second, CPU time and heap. The README's performance section quotes it.
 */
@Command(
    name = "bench-tui",
    hidden = true,
    description = "Benchmark the rich view under a flood: redraws/s, CPU time and heap.",
    sortOptions = false,
    usageHelpAutoWidth = true)
final class BenchTuiCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "20000", description = "Messages per second (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--seconds", paramLabel = "N", defaultValue = "30", description = "How long to feed (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--width", paramLabel = "COLUMNS", defaultValue = "100", description = "Virtual terminal columns (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", paramLabel = "ROWS", defaultValue = "30", description = "Virtual terminal rows (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--history", paramLabel = "N", defaultValue = "" + MessageLog.DEFAULT_CAPACITY,
      description = "Messages kept (default: ${DEFAULT-VALUE}).")
  int history;

  @Option(names = "--max-fps", paramLabel = "N", defaultValue = "" + RenderLoop.DEFAULT_MAX_FPS,
      description = "Redraws per second at most (default: ${DEFAULT-VALUE}).")
  int maxFps;

  @Option(names = "--terminal", description = "Draw on this terminal instead of a virtual one (q leaves early).")
  boolean realTerminal;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (rate < 1 || seconds < 1 || width < 10 || height < 5 || history < 1 || maxFps < 1) {
      throw new UserError(ExitCode.USAGE, "rate, seconds, history and max-fps must be positive; the size at least 10x5");
    }
    if (realTerminal && !Terminals.isTerminal()) {
      throw new UserError(ExitCode.USAGE, "--terminal needs a terminal on stdin and stdout");
    }
    byte[][] bodies = bodies();
    MessageLog log = new MessageLog(history);
    ConnectionStatus status = new ConnectionStatus("bench");
    status.connected("bench: messages made in-process, no broker");
    LiveTableView view = new LiveTableView(log, status, "none", ZoneId.systemDefault());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    long peakHeap = heapBefore;
    long processCpuStart = os.getProcessCpuTime();
    long feederCpuStart = threads.getCurrentThreadCpuTime();
    long fed = 0;
    long elapsedNanos;
    long redraws;
    long renderCpu;
    long longestFrame;
    TerminalSession session = realTerminal
        ? TerminalSession.system()
        : TerminalSession.start(new DefaultVirtualTerminal(new TerminalSize(width, height)));
    try (session) {
      boolean[] quit = {false};
      RenderLoop loop = new RenderLoop(session.screen(), view, maxFps, () -> quit[0] = true, e -> quit[0] = true);
      try (loop) {
        loop.start();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long nextHeapSample = start;
        long now;
        while ((now = System.nanoTime()) < end && !quit[0]) {
          long due = (long) ((now - start) / 1e9 * rate);
          for (; fed < due; fed++) {
            log.add(Delivery.of(bodies[(int) (fed % bodies.length)], false, Map.of()));
          }
          if (now >= nextHeapSample) {
            peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
            nextHeapSample = now + TimeUnit.MILLISECONDS.toNanos(100);
          }
          LockSupport.parkNanos(200_000);
        }
        elapsedNanos = System.nanoTime() - start;
        renderCpu = threads.getThreadCpuTime(loop.threadId());
        redraws = loop.redraws();
        longestFrame = loop.longestFrameNanos();
      }
    }
    long feederCpu = threads.getCurrentThreadCpuTime() - feederCpuStart;
    long processCpu = os.getProcessCpuTime() - processCpuStart;
    System.gc();
    long heapAfter = memory.getHeapMemoryUsage().getUsed();

    double secs = elapsedNanos / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "bench-tui: fed %,d messages in %.1f s (%,d/s asked, %,.0f/s achieved) into a %dx%d %s terminal%n",
        fed, secs, rate, fed / secs, width, height, realTerminal ? "real" : "virtual");
    out.printf(Locale.ROOT, "redraws: %,d (%.1f/s; at most %d/s allowed); longest frame %.1f ms%n",
        redraws, redraws / secs, maxFps, longestFrame / 1e6);
    out.printf(Locale.ROOT, "CPU: process %.1f s (%.0f%% of one core); render thread %.1f s; feeding thread %.1f s%n",
        processCpu / 1e9, 100.0 * processCpu / elapsedNanos, renderCpu / 1e9, feederCpu / 1e9);
    out.printf(Locale.ROOT, "heap: %.1f MiB before; peak %.1f MiB in use during the run; %.1f MiB after GC "
            + "(the log holds %,d of %,d messages)%n",
        heapBefore / 1048576.0, peakHeap / 1048576.0, heapAfter / 1048576.0, log.size(), log.received());
    out.flush();
    return ExitCode.OK.code();
  }

  /** A pool of realistic bodies: several users, short and long texts, CJK and emoji. */
  private static byte[][] bodies() {
    String[] users = {"alice", "bob", "carol", "dave", "эрик", "明美"};
    String[] texts = {
      "hi",
      "hello, room",
      "a somewhat longer message that will not fit in a hundred columns once the name and the time are shown too",
      "日本語のメッセージ、幅が二倍の文字",
      "emoji 🎉🚀 and text",
      "the quick brown fox jumps over the lazy dog " + "x".repeat(200)
    };
    byte[][] out = new byte[1_000][];
    for (int i = 0; i < out.length; i++) {
      out[i] = ChatCodec.encode(ChatMessage.stamped(users[i % users.length], texts[(i / users.length) % texts.length] + " #" + i));
    }
    return out;
  }
}
