package dev.lwqueue.cli;

import picocli.CommandLine.Option;

/** Options every command has besides the connection: help, version and verbosity. */
public final class CommonOptions {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = {"-V", "--version"}, versionHelp = true, description = "Show the version and exit.")
  boolean version;

  @Option(
      names = {"-v", "--verbose"},
      description = "On errors, print the stack trace too; log at debug level.")
  boolean verbose;
}
