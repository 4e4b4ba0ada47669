package dev.lwqueue.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the archive the exercise's questions, the same way on every database: the work is done by
 * the database (a handful of aggregate queries), so it stays quick over millions of rows.
 */
public final class Stats {

  /** How many users the top list has, as in the exercise. */
  public static final int TOP_USERS = 5;

  private Stats() {}

  /**
   * @param now the end of the last day the hourly counts cover
   * @param latest how many of the latest messages to list (0 for none)
   */
  public static StatsReport query(Database database, Instant now, long latest) {
    Dialect dialect = database.dialect();
    try (Connection connection = database.connect()) {
      long count;
      long senders;
      Instant first;
      Instant last;
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(dialect.summary())) {
        rs.next();
        count = rs.getLong(1);
        senders = rs.getLong(2);
        first = Rows.instant(rs.getObject(3, LocalDateTime.class));
        last = Rows.instant(rs.getObject(4, LocalDateTime.class));
      }
      long unreadable;
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(dialect.unreadableCount())) {
        rs.next();
        unreadable = rs.getLong(1);
      }
      Double gap = count < 2 ? null : (last.toEpochMilli() - first.toEpochMilli()) / 1000.0 / (count - 1);

      List<StatsReport.UserCount> top = new ArrayList<>();
      try (PreparedStatement ps = connection.prepareStatement(dialect.topUsers())) {
        ps.setInt(1, TOP_USERS);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            top.add(new StatsReport.UserCount(rs.getString(1), rs.getLong(2)));
          }
        }
      }

      Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
      Instant since = currentHour.minus(23, ChronoUnit.HOURS);
      Map<Instant, Long> byHour = new HashMap<>();
      try (PreparedStatement ps = connection.prepareStatement(dialect.perHourSince())) {
        ps.setObject(1, Rows.utc(since));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byHour.put(Rows.instant(rs.getObject(1, LocalDateTime.class)), rs.getLong(2));
          }
        }
      }
      List<StatsReport.HourCount> lastDay = new ArrayList<>(24);
      for (Instant hour = since; !hour.isAfter(currentHour); hour = hour.plus(1, ChronoUnit.HOURS)) {
        lastDay.add(new StatsReport.HourCount(hour, byHour.getOrDefault(hour, 0L)));
      }

      StatsReport.HourCount busiest = null;
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(dialect.busiestHour())) {
        if (rs.next()) {
          busiest = new StatsReport.HourCount(Rows.instant(rs.getObject(1, LocalDateTime.class)), rs.getLong(2));
        }
      }

      List<StatsReport.StoredMessage> messages = new ArrayList<>();
      if (latest > 0) {
        try (PreparedStatement ps = connection.prepareStatement(dialect.latestMessages())) {
          ps.setLong(1, latest);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              messages.add(new StatsReport.StoredMessage(Rows.instant(rs.getObject(1, LocalDateTime.class)),
                  rs.getString(2), rs.getString(3), rs.getString(4),
                  Rows.instant(rs.getObject(5, LocalDateTime.class))));
            }
          }
        }
        Collections.reverse(messages);
      }
      return new StatsReport(count, senders, unreadable, first, last, gap, top, lastDay, busiest, messages);
    } catch (SQLException e) {
      throw Database.classify(e, "cannot read the archive in " + database.describe());
    }
  }
}
