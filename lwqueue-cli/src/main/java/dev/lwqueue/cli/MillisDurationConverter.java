package dev.lwqueue.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/** Like {@link DurationConverter}, with milliseconds too ({@code 100ms}), for back-off times. */
final class MillisDurationConverter implements ITypeConverter<Duration> {

  private static final Pattern MILLIS = Pattern.compile("(\\d{1,9})\\s*ms", Pattern.CASE_INSENSITIVE);

  @Override
  public Duration convert(String value) {
    Matcher m = MILLIS.matcher(value.strip());
    if (m.matches()) {
      return Duration.ofMillis(Long.parseLong(m.group(1)));
    }
    return new DurationConverter().convert(value);
  }
}
