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
          + "'source <(lwqueue completion zsh)'; add that line to ~/.bashrc or ~/.zshrc to keep it. The zsh "
          + "script loads zsh's bash completion support (bashcompinit) first, as picocli documents."
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

  /** What zsh needs before it can run a bash completion script. */
  static final String ZSH_PRELUDE = String.join("\n",
      "autoload -U +X compinit && compinit",
      "autoload -U +X bashcompinit && bashcompinit",
      "");

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
    if (shell == Shell.zsh) {
      out.print(ZSH_PRELUDE);
    }
    out.print(script);
    out.flush();
    return ExitCode.OK.code();
  }
}
