package dev.lwqueue.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lwqueue completion bash|zsh}: picocli's completion script for every command and option. */
@Command(
    name = "completion",
    description = {
      "Print a shell completion script for bash or zsh.",
      "Load it in the current shell with 'source <(lwqueue completion bash)', or in zsh "
          + "'source <(lwqueue completion zsh)'; add that line to ~/.bashrc or ~/.zshrc to keep it. It is "
          + "picocli's script, which under zsh turns on zsh's bash completion support (bashcompinit) itself."
    },
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = "%nExit codes:%n")
public final class CompletionCommand implements Callable<Integer> {

  /** The shells picocli's script serves. */
  public enum Shell {
    bash,
    zsh
  }

  @Mixin CommonOptions common;

  @Parameters(paramLabel = "SHELL", description = "The shell: ${COMPLETION-CANDIDATES}.")
  Shell shell;

  @ParentCommand LwqueueCommand parent;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // The whole command line, every command and option, even when only this command was built.
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    CommandLine all = Main.commandLine(parent.env(), new ByteArrayInputStream(new byte[0]), nowhere, nowhere);
    String script = AutoComplete.bash(spec.parent().name(), all);
    PrintWriter out = spec.commandLine().getOut();
    // One script for both: under zsh it loads zsh's bash completion support (bashcompinit) itself,
    // and compinit only when it has not run yet, so the user's other completions stay.
    out.print(script);
    out.flush();
    return ExitCode.OK.code();
  }
}
