package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --help} reads well: picocli wraps every paragraph (no line breaks made by hand inside a
 * description), each command's summary is a whole sentence and shows whole in {@code lwqueue
 * --help} at 80 columns; shell completion and the man pages are there.
 */
class HelpTextTest {

  private static CommandLine all() {
    PrintWriter nowhere = new PrintWriter(new StringWriter());
    return Main.commandLine(Env.of(Map.of()), new ByteArrayInputStream(new byte[0]), nowhere, nowhere);
  }

  private static List<CommandSpec> commands(CommandLine cl) {
    List<CommandSpec> specs = new ArrayList<>(List.of(cl.getCommandSpec()));
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandSpec().userObject().getClass().getPackage() == Main.class.getPackage()) {
        specs.addAll(commands(sub));
      }
    }
    return specs;
  }

  /** A paragraph ends a sentence; a line break made by hand leaves it open (a comma, a word). */
  private static void checkParagraphs(String where, String[] paragraphs, List<String> problems) {
    for (String p : paragraphs) {
      String text = p.strip();
      if (p.startsWith("  ")) {
        // a laid-out example or key table: picocli would wrap it at 80 columns into a ragged mess
        if (p.length() > 80) {
          problems.add(where + ": a laid-out line longer than 80 columns: " + p);
        }
        continue;
      }
      if (text.isEmpty()) {
        continue;
      }
      if (!text.matches("(?s).*[.:!?]$") || text.contains("\n")) {
        problems.add(where + ": a paragraph that does not end a sentence (a hand-made line break?): " + p);
      }
    }
  }

  @Test
  void everyDescriptionIsWholeParagraphsAndEverySummaryAWholeSentence() {
    List<String> problems = new ArrayList<>();
    for (CommandSpec spec : commands(all())) {
      String name = spec.qualifiedName();
      String[] description = spec.usageMessage().description();
      if (description.length == 0 || !description[0].matches("[A-Z][^%]*\\.$")) {
        problems.add(name + ": the summary (first line of the description) is not one whole sentence: "
            + (description.length == 0 ? "(none)" : description[0]));
      }
      checkParagraphs(name + " description", description, problems);
      checkParagraphs(name + " footer", spec.usageMessage().footer(), problems);
      for (OptionSpec option : spec.options()) {
        checkParagraphs(name + " " + option.longestName(), option.description(), problems);
      }
    }
    assertThat(problems).as("--help problems").isEmpty();
  }

  @Test
  void theCommandListAt80ColumnsShowsEverySummaryWhole() {
    CommandLine cl = all();
    cl.setUsageHelpWidth(80);
    cl.setUsageHelpAutoWidth(false);
    String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    String commandList = usage.substring(usage.indexOf("Commands:"), usage.indexOf("Examples:"));
    String joined = commandList.replaceAll("\\s+", " ");
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      if (spec.usageMessage().hidden()) {
        continue;
      }
      String[] header = spec.usageMessage().header(); // picocli's help command has a header as its summary
      String summary = header.length > 0 ? header[0] : spec.usageMessage().description()[0];
      assertThat(joined).as("the summary of %s, whole", spec.name()).contains(spec.name() + " " + summary);
    }
    assertThat(usage.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
  }

  @Test
  void completionScriptsNameEveryCommandAndLoadInBash(@TempDir Path dir) throws Exception {
    CliRun bash = CliRun.run("completion", "bash");
    assertThat(bash.exitCode()).as(bash.err()).isZero();
    assertThat(bash.out()).isNotBlank()
        .contains("send-message", "subscribe", "chat", "bench", "completion", "--rmq-username", "--mode");
    CliRun zsh = CliRun.run("completion", "zsh");
    assertThat(zsh.exitCode()).isZero();
    assertThat(zsh.out()).contains("send-message").contains("bashcompinit").contains("ZSH_VERSION");

    Path script = dir.resolve("lwqueue-completion.bash");
    Files.writeString(script, bash.out());
    Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", "source '" + script + "' && complete -p lwqueue")
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("lwqueue");
  }

  @Test
  void theBuildMadeAManPagePerCommand() throws Exception {
    Path man = Path.of("target", "man");
    for (String page : List.of("lwqueue.1", "lwqueue-send-message.1", "lwqueue-subscribe.1", "lwqueue-chat.1",
        "lwqueue-bench.1", "lwqueue-completion.1")) {
      Path file = man.resolve(page);
      assertThat(file).as("man page %s (built by the build before the tests)", page).exists();
      String troff = Files.readString(file);
      assertThat(troff).as(page).contains(".TH ").contains(".SH \"NAME\"").contains("SYNOPSIS");
    }
    assertThat(Files.readString(man.resolve("lwqueue-subscribe.1"))).contains("Receive the room").contains("\\-\\-mode");
  }
}
