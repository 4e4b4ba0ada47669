package dev.lwqueue.cli;

import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.DeliveryHandler;
import dev.lwqueue.core.VerifiedOnlyHandler;
import picocli.CommandLine.Option;

/** {@code --verified-only}, shared by {@code subscribe} and {@code chat}. */
public final class VerifiedOnlyOption {

  @Option(
      names = "--verified-only",
      description = "Show only messages whose sender the broker verified: the account that published it "
          + "is the name it shows (marked with a check mark). Hides messages of the Python client and of "
          + "anybody posting under another name, and says at the end how many it hid. RabbitMQ only: "
          + "Pub/Sub verifies no sender.")
  boolean verifiedOnly;

  private VerifiedOnlyHandler filter;

  /** The handler, behind the filter when the option is given; refused where senders are not verified. */
  DeliveryHandler wrap(ChatTransport transport, DeliveryHandler handler) {
    if (!verifiedOnly) {
      return handler;
    }
    if (!transport.capabilities().verifiesSenders()) {
      throw new UserError(ExitCode.USAGE, "--verified-only needs a broker that verifies senders (RabbitMQ); "
          + "this backend verifies none, so every message would be hidden");
    }
    filter = new VerifiedOnlyHandler(handler);
    return filter;
  }

  /** The closing line about what was hidden, or null when nothing was. */
  String hiddenReport() {
    long hidden = filter == null ? 0 : filter.hidden();
    return hidden == 0 ? null
        : "hid " + hidden + " unverified message" + (hidden == 1 ? "" : "s") + " (--verified-only)";
  }
}
