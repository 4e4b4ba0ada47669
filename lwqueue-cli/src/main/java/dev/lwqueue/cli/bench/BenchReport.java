package dev.lwqueue.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lwqueue.core.ChatCodec;
import java.io.PrintWriter;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The figures of a finished run, as text for people or JSON for scripts. */
public final class BenchReport {

  /** What was asked for, repeated in the output so a figure never travels without its shape. */
  public record Shape(
      String target, int publishers, int subscribers, long messages, int size, double rate,
      double warmupSeconds, int maxInFlight, String run) {}

  private final Shape shape;
  private final List<PublisherRun> publishers;
  private final List<SubscriberStats> subscribers;
  private final BitSet[] confirmed;
  private final Histogram latency = new Histogram(3);

  public BenchReport(Shape shape, List<PublisherRun> publishers, List<SubscriberStats> subscribers) {
    this.shape = shape;
    this.publishers = publishers;
    this.subscribers = subscribers;
    this.confirmed = publishers.stream().map(PublisherRun::confirmed).toArray(BitSet[]::new);
    subscribers.forEach(s -> latency.add(s.latency()));
  }

  public long lost() {
    return subscribers.stream().mapToLong(s -> s.missing(confirmed)).sum();
  }

  public long duplicated() {
    return subscribers.stream().mapToLong(SubscriberStats::duplicated).sum();
  }

  public long notConfirmed() {
    return publishers.stream().mapToLong(PublisherRun::notConfirmed).sum();
  }

  private long warmupMessages() {
    return publishers.stream().mapToLong(p -> p.sent() - p.measuredSent()).sum();
  }

  public void printText(PrintWriter out) {
    out.printf(Locale.ROOT, "lwqueue bench: %d publisher%s -> %d subscriber%s on %s%n",
        shape.publishers(), plural(shape.publishers()), shape.subscribers(), plural(shape.subscribers()), shape.target());
    out.printf(Locale.ROOT, "  %d messages of %d bytes, %s, publisher confirms with up to %d in flight%n",
        shape.messages(), shape.size(),
        shape.rate() > 0 ? fmt(shape.rate()) + " msg/s per publisher" : "as fast as confirms allow",
        shape.maxInFlight());
    out.printf(Locale.ROOT, "  warm-up: messages published in the first %s s (%d) are left out of rates and latencies%n",
        fmt(shape.warmupSeconds()), warmupMessages());
    out.println("  latency: from just before publish to the subscriber's handler, one clock (this process)");
    out.println();
    for (PublisherRun p : publishers) {
      out.printf(Locale.ROOT, "publisher %-3d sent %10s msg/s  %9d confirmed  %d not confirmed%s%n",
          p.index(), fmt(p.rate()), p.sent() - p.notConfirmed(), p.notConfirmed(),
          p.problem() == null ? "" : "  (" + p.problem().getMessage() + ")");
    }
    for (int i = 0; i < subscribers.size(); i++) {
      SubscriberStats s = subscribers.get(i);
      Histogram h = s.latency();
      out.printf(Locale.ROOT, "subscriber %-2d received %6s msg/s  %9d received  p50 %s  p99 %s  max %s ms%n",
          i, fmt(s.rate()), s.distinct(), ms(h, 50), ms(h, 99), max(h));
    }
    out.println();
    double sent = publishers.stream().mapToDouble(PublisherRun::rate).sum();
    double received = subscribers.stream().mapToDouble(SubscriberStats::rate).sum();
    out.printf(Locale.ROOT, "total: sent %s msg/s, received %s msg/s (all subscribers together)%n", fmt(sent), fmt(received));
    out.printf(Locale.ROOT, "latency over %d messages: p50 %s ms  p95 %s ms  p99 %s ms  max %s ms%n",
        latency.getTotalCount(), ms(latency, 50), ms(latency, 95), ms(latency, 99), max(latency));
    out.printf(Locale.ROOT, "lost %d, duplicated %d, not confirmed %d%n", lost(), duplicated(), notConfirmed());
    long foreign = subscribers.stream().mapToLong(SubscriberStats::foreign).sum();
    if (foreign > 0) {
      out.printf(Locale.ROOT, "(%d messages on the exchange were not this run's and were not counted)%n", foreign);
    }
    out.flush();
  }

  public void printJson(PrintWriter out) {
    ObjectNode root = ChatCodec.mapper().createObjectNode();
    ObjectNode s = root.putObject("shape");
    s.put("target", shape.target());
    s.put("run", shape.run());
    s.put("publishers", shape.publishers());
    s.put("subscribers", shape.subscribers());
    s.put("messages", shape.messages());
    s.put("size_bytes", shape.size());
    s.put("rate_per_publisher", shape.rate());
    s.put("warmup_seconds", shape.warmupSeconds());
    s.put("warmup_messages", warmupMessages());
    s.put("max_in_flight", shape.maxInFlight());
    s.put("latency_from", "before publish, same process clock");
    s.put("latency_to", "start of the subscriber's handler");
    ArrayNode pubs = root.putArray("publishers");
    for (PublisherRun p : publishers) {
      ObjectNode n = pubs.addObject();
      n.put("index", p.index());
      n.put("sent_per_second", round(p.rate()));
      n.put("sent", p.sent());
      n.put("not_confirmed", p.notConfirmed());
      if (p.problem() != null) {
        n.put("problem", p.problem().getMessage());
      }
    }
    ArrayNode subs = root.putArray("subscribers");
    for (int i = 0; i < subscribers.size(); i++) {
      SubscriberStats sub = subscribers.get(i);
      ObjectNode n = subs.addObject();
      n.put("index", i);
      n.put("received_per_second", round(sub.rate()));
      n.put("received", sub.distinct());
      n.put("measured", sub.measured());
      n.put("lost", sub.missing(confirmed));
      n.put("duplicated", sub.duplicated());
      n.put("foreign", sub.foreign());
      putLatency(n.putObject("latency_ms"), sub.latency());
    }
    ObjectNode totals = root.putObject("totals");
    totals.put("sent_per_second", round(publishers.stream().mapToDouble(PublisherRun::rate).sum()));
    totals.put("received_per_second", round(subscribers.stream().mapToDouble(SubscriberStats::rate).sum()));
    totals.put("lost", lost());
    totals.put("duplicated", duplicated());
    totals.put("not_confirmed", notConfirmed());
    putLatency(totals.putObject("latency_ms"), latency);
    out.println(root.toPrettyString());
    out.flush();
  }

  /** The same keys always, null without a sample (every message in the warm-up), so scripts need no special case. */
  private static void putLatency(ObjectNode n, Histogram h) {
    n.put("samples", h.getTotalCount());
    if (h.getTotalCount() == 0) {
      for (String key : new String[] {"p50", "p95", "p99", "max"}) {
        n.putNull(key);
      }
      return;
    }
    n.put("p50", h.getValueAtPercentile(50) / 1000.0);
    n.put("p95", h.getValueAtPercentile(95) / 1000.0);
    n.put("p99", h.getValueAtPercentile(99) / 1000.0);
    n.put("max", h.getMaxValue() / 1000.0);
  }

  private static String ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", h.getValueAtPercentile(percentile) / 1000.0);
  }

  private static String max(Histogram h) {
    return h.getTotalCount() == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", h.getMaxValue() / 1000.0);
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static String plural(int n) {
    return n == 1 ? "" : "s";
  }
}
