package dev.lwqueue.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * picocli models of lwqueue's commands built without reflection: the build generates the
 * implementation ({@code GeneratedCommandModels}, by {@code codegen.CommandModelSource}) from the
 * commands' annotations, which stay the one source; see there for why.
 */
interface CommandModels {

  /** The top command's subcommand called {@code name}, or null when it has none of that name. */
  Class<?> commandNamed(String name);

  /** Whether {@link #create} builds this command (not one with subcommands of its own). */
  boolean builds(Class<?> command);

  /**
   * A new instance of {@code command} and its model, its {@code @ParentCommand} set to {@code
   * parent}; null for a command the build did not generate.
   */
  CommandSpec create(Class<?> command, Object parent);

  /** The build's generated models, or null when this build has none (the commands then use picocli's reflection). */
  static CommandModels generated() {
    return Generated.MODELS;
  }

  /** Made once, by whichever thread asks first (the start-up warm-up or the main thread). */
  final class Generated {
    static final CommandModels MODELS = load();

    private Generated() {}

    private static CommandModels load() {
      try {
        return (CommandModels) Class.forName(CommandModels.class.getPackageName() + ".GeneratedCommandModels")
            .getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        return null;
      }
    }
  }
}
