package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line built for one command, and --version answered without one, behave exactly like the full one. */
class LeanCommandLineTest {

  private static List<String> run(boolean lean, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    Env env = Env.of(Map.of());
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[0]);
    int code = lean ? Main.run(args, env, in, o, e) : Main.commandLine(env, in, o, e).execute(args);
    return List.of(String.valueOf(code), out.toString(), err.toString());
  }

  @Test
  void helpVersionAndErrorsAreTheSame() {
    List<String[]> cases = List.of(
        new String[] {"--version"},
        new String[] {"-V"},
        new String[] {"send-message", "--help"},
        new String[] {"send-message", "--version"},
        new String[] {"send-message", "--bogus"},
        new String[] {"send-message", "--username", " "},
        new String[] {"send-message", "--username", "a"},
        new String[] {"subscribe", "--help"},
        new String[] {"subscribe", "--mode", "nope"},
        new String[] {"bench", "--help"},
        new String[] {"bench", "--size", "3"},
        new String[] {"bench", "--publishers", "0"});
    for (String[] args : cases) {
      assertThat(run(true, args)).as(String.join(" ", args)).isEqualTo(run(false, args));
    }
  }

  @Test
  void onlyOwnCommandsAreBuiltAlone() {
    StringWriter sink = new StringWriter();
    PrintWriter w = new PrintWriter(sink);
    Env env = Env.of(Map.of());
    var in = new ByteArrayInputStream(new byte[0]);
    assertThat(Main.commandLineFor(new String[] {"send-message"}, env, in, w, w).getSubcommands())
        .containsOnlyKeys("send-message");
    assertThat(Main.commandLineFor(new String[] {"help", "send-message"}, env, in, w, w).getSubcommands())
        .containsKeys("send-message", "subscribe", "bench", "help");
    assertThat(Main.commandLineFor(new String[] {"--verbose", "bench"}, env, in, w, w).getSubcommands())
        .containsKeys("send-message", "subscribe", "bench", "help");
  }

  /**
   * Every command of the full command line is found by name for the lean one, and nothing else:
   * a command's own subcommands ({@code room open}), picocli's {@code help}, options and typos.
   */
  @Test
  void everyTopLevelCommandAndNothingElseIsFoundByName() {
    StringWriter sink = new StringWriter();
    PrintWriter w = new PrintWriter(sink);
    CommandLine full = Main.commandLine(Env.of(Map.of()), new ByteArrayInputStream(new byte[0]), w, w);
    int own = 0;
    for (Map.Entry<String, CommandLine> top : full.getSubcommands().entrySet()) {
      Class<?> type = top.getValue().getCommandSpec().userObject().getClass();
      if (type.getPackage() == Main.class.getPackage()) {
        own++;
        assertThat(Main.ownCommandNamed(top.getKey())).as(top.getKey()).isEqualTo(type);
      } else {
        assertThat(Main.ownCommandNamed(top.getKey())).as(top.getKey()).isNull();
      }
      for (String nested : top.getValue().getSubcommands().keySet()) {
        assertThat(Main.ownCommandNamed(nested)).as(top.getKey() + " " + nested).isNull();
      }
    }
    assertThat(own).isEqualTo(full.getSubcommands().size() - 1);
    for (String other : List.of("--help", "-h", "", "-", "send-", "-send", "send--message", "Send-Message",
        "send.message", "../x", "main", "cds-training", "lwqueue")) {
      assertThat(Main.ownCommandNamed(other)).as(other).isNull();
    }
  }

  @Test
  void exitCodeListIsRightAligned() {
    assertThat(ExitCodes.helpList().keySet()).allMatch(k -> k.length() == 3 && k.strip().matches("\\d+"));
    assertThat(ExitCodes.helpList()).containsKey("  0");
  }

  /** picocli's default factory then skips its search for Groovy's Closure class through the jar; a value given with -D wins. */
  @Test
  void groovyLookupIsOffUnlessSetOtherwise() {
    String before = System.getProperty("picocli.disable.closures");
    try {
      System.clearProperty("picocli.disable.closures");
      Main.disableGroovyLookup();
      assertThat(System.getProperty("picocli.disable.closures")).isEqualTo("true");
      System.setProperty("picocli.disable.closures", "false");
      Main.disableGroovyLookup();
      assertThat(System.getProperty("picocli.disable.closures")).isEqualTo("false");
    } finally {
      if (before == null) {
        System.clearProperty("picocli.disable.closures");
      } else {
        System.setProperty("picocli.disable.closures", before);
      }
    }
  }
}
