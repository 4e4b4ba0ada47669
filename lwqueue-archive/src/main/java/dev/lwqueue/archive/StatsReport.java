package dev.lwqueue.archive;

import java.time.Instant;
import java.util.List;

/**
 * The answers {@code lwqueue stats} gives: the exercise's three questions and a few more.
 *
 * @param messages stored chat messages
 * @param distinctSenders how many different usernames sent them
 * @param unreadable bodies in {@code unreadable_messages}
 * @param first the earliest received_at, or {@code null} when there are no messages
 * @param last the latest received_at, or {@code null}
 * @param averageGapSeconds the mean of the gaps between consecutive messages by received_at, which
 *     is (last - first) / (messages - 1); {@code null} with fewer than two messages
 * @param topUsers the most active senders, most messages first, ties by name in byte order
 * @param lastDay one entry per hour of the last 24 (the current hour last), empty hours included
 * @param busiestHour the hour with the most messages of all, the earliest on a tie; {@code null} when empty
 * @param latest the latest messages asked for, oldest first
 */
public record StatsReport(
    long messages,
    long distinctSenders,
    long unreadable,
    Instant first,
    Instant last,
    Double averageGapSeconds,
    List<UserCount> topUsers,
    List<HourCount> lastDay,
    HourCount busiestHour,
    List<StoredMessage> latest) {

  public record UserCount(String username, long messages) {}

  public record HourCount(Instant hour, long messages) {}

  public record StoredMessage(Instant receivedAt, String username, String message, String id, Instant sentAt) {}
}
