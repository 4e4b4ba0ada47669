package dev.lwqueue.cli;

import dev.lwqueue.archive.Database;
import dev.lwqueue.archive.Stats;
import dev.lwqueue.archive.StatsReport;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.TerminalText;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Answers questions about the archive 'lwqueue archive' wrote; the queries live in lwqueue-archive. */
@Command(
    name = "stats",
    description = {
      "Answer questions about the archive that 'lwqueue archive' writes.",
      "It tells how many messages and senders there are, "
          + "the top " + Stats.TOP_USERS + " users with their message counts (most active first, ties by name), "
          + "the average gap in seconds between consecutive messages, the busiest hour, and messages per hour "
          + "over the last 24 hours as a bar chart. With --messages, the messages themselves.",
      "The same answers from DuckDB, PostgreSQL and ClickHouse. A DuckDB file can be open in one process at a "
          + "time: stop the archiver first, or archive into PostgreSQL to ask while it runs."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n",
    footer = {
      "",
      "Examples:",
      "  lwqueue stats",
      "  lwqueue stats --messages --limit 20",
      "  lwqueue stats --db jdbc:postgresql://127.0.0.1:5432/test --db-user postgres \\",
      "      --json | jq .top_users"
    })
public final class StatsCommand implements Callable<Integer> {

  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00", Locale.ROOT);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final int BAR_WIDTH = 50;

  @Mixin CommonOptions common;
  @Mixin DatabaseOptions databaseOptions;

  @Option(names = "--messages", description = "List the messages too, oldest first (all of them, or --limit).")
  boolean messages;

  @Option(
      names = "--limit",
      defaultValue = "0",
      paramLabel = "N",
      description = "With --messages: only the latest N (default: all).")
  long limit;

  @Option(names = "--json", description = "One JSON object on stdout, for scripts; times in ISO-8601 UTC.")
  boolean json;

  @ParentCommand LwqueueCommand parent;

  @Spec CommandSpec spec;

  /** Where times are shown; tests set UTC. */
  ZoneId zone = ZoneId.systemDefault();

  @Override
  public Integer call() throws JsonProcessingException {
    if (limit < 0) {
      throw new UserError(ExitCode.USAGE, "--limit must be 0 (all) or more");
    }
    Database database = databaseOptions.database(parent.env());
    StatsReport report = Stats.query(database, Instant.now(), messages ? (limit == 0 ? Long.MAX_VALUE : limit) : 0);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(ChatCodec.mapper().writeValueAsString(json(report)));
    } else {
      text(report, database, out);
    }
    out.flush();
    return ExitCode.OK.code();
  }

  private Map<String, Object> json(StatsReport report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("messages", report.messages());
    root.put("distinct_senders", report.distinctSenders());
    root.put("unreadable", report.unreadable());
    root.put("first", report.first());
    root.put("last", report.last());
    root.put("average_gap_seconds", report.averageGapSeconds());
    List<Map<String, Object>> top = new ArrayList<>();
    for (StatsReport.UserCount user : report.topUsers()) {
      top.add(Map.of("username", user.username(), "messages", user.messages()));
    }
    root.put("top_users", top);
    root.put("busiest_hour", report.busiestHour() == null ? null
        : Map.of("hour", report.busiestHour().hour(), "messages", report.busiestHour().messages()));
    List<Map<String, Object>> hours = new ArrayList<>();
    for (StatsReport.HourCount hour : report.lastDay()) {
      hours.add(Map.of("hour", hour.hour(), "messages", hour.messages()));
    }
    root.put("last_day", hours);
    if (messages) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (StatsReport.StoredMessage m : report.latest()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("received_at", m.receivedAt());
        one.put("username", m.username());
        one.put("message", m.message());
        one.put("id", m.id());
        one.put("sent_at", m.sentAt());
        list.add(one);
      }
      root.put("list", list);
    }
    return root;
  }

  private void text(StatsReport report, Database database, PrintWriter out) {
    out.println("Archive " + database.describe());
    if (messages) {
      for (StatsReport.StoredMessage m : report.latest()) {
        out.println(TIME.format(m.receivedAt().atZone(zone)) + "  " + TerminalText.sanitize(m.username()) + ": "
            + TerminalText.sanitize(m.message()));
      }
      out.println();
    }
    out.printf(Locale.ROOT, "Messages:          %,d from %,d senders%s%n", report.messages(), report.distinctSenders(),
        report.unreadable() == 0 ? "" : String.format(Locale.ROOT, " (and %,d unreadable bodies kept apart)",
            report.unreadable()));
    out.println("Average gap:       " + (report.averageGapSeconds() == null ? "- (fewer than two messages)"
        : String.format(Locale.ROOT, "%.3f s between consecutive messages", report.averageGapSeconds())));
    out.println("Busiest hour:      " + (report.busiestHour() == null ? "-"
        : HOUR.format(report.busiestHour().hour().atZone(zone)) + String.format(Locale.ROOT, " with %,d messages",
            report.busiestHour().messages())));
    out.println("Top " + Stats.TOP_USERS + " users:");
    int rank = 0;
    int width = 0;
    for (StatsReport.UserCount user : report.topUsers()) {
      width = Math.max(width, TerminalText.sanitize(user.username()).length());
    }
    for (StatsReport.UserCount user : report.topUsers()) {
      out.printf(Locale.ROOT, "  %d. %-" + Math.max(1, width) + "s %,d%n", ++rank,
          TerminalText.sanitize(user.username()), user.messages());
    }
    out.println("Messages per hour, last 24 hours (" + zone.getId() + "):");
    long max = 1;
    for (StatsReport.HourCount hour : report.lastDay()) {
      max = Math.max(max, hour.messages());
    }
    for (StatsReport.HourCount hour : report.lastDay()) {
      int bar = (int) Math.round((double) hour.messages() * BAR_WIDTH / max);
      if (bar == 0 && hour.messages() > 0) {
        bar = 1;
      }
      out.printf(Locale.ROOT, "  %s %s %,d%n", DateTimeFormatter.ofPattern("HH:00", Locale.ROOT)
          .format(hour.hour().atZone(zone)), "█".repeat(bar), hour.messages());
    }
  }
}
