package dev.lwqueue.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code send-message --bot} posts: lwqueue's own quotes (no network needed), or a file of
 * lines "author TAB quote"; a line without a tab is a quote by "bot", and lines starting with # are
 * comments.
 */
final class Quotes {

  record Quote(String author, String text) {}

  static final String DEFAULT_AUTHOR = "bot";

  private Quotes() {}

  static List<Quote> shipped() {
    try (InputStream in = Quotes.class.getResourceAsStream("quotes.tsv")) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Quote> fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError(ExitCode.BAD_CONFIGURATION, "--bot-file " + file + " does not exist");
    } catch (IOException e) {
      throw new UserError(ExitCode.BAD_CONFIGURATION, "cannot read --bot-file " + file + ": " + e.getMessage());
    }
    List<Quote> quotes = parse(text);
    if (quotes.isEmpty()) {
      throw new UserError(ExitCode.BAD_CONFIGURATION, "--bot-file " + file + " has no quotes (one a line: author, a tab, the quote)");
    }
    return quotes;
  }

  static List<Quote> parse(String text) {
    List<Quote> quotes = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text))) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        String author = tab < 0 ? DEFAULT_AUTHOR : line.substring(0, tab).strip();
        String quote = (tab < 0 ? line : line.substring(tab + 1)).strip();
        if (!quote.isEmpty()) {
          quotes.add(new Quote(author.isEmpty() ? DEFAULT_AUTHOR : author, quote));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return quotes;
  }
}
