package dev.lwqueue.cli;

import dev.lwqueue.webhook.WebhookSecret;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints a fresh signing secret. */
@Command(
    name = "secret-new",
    description = "Print a fresh random signing secret (whsec_ and the base64 of 32 random bytes) for the bridge and "
        + "its receiver to share.",
    usageHelpAutoWidth = true,
    footer = {"", "Example:", "  export LWQUEUE_WEBHOOK_SECRET=$(lwqueue webhook secret-new)"})
public final class WebhookSecretNewCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(WebhookSecret.generate().text());
    spec.commandLine().getOut().flush();
    return ExitCode.OK.code();
  }
}
