package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lwqueue.cli.codegen.CommandModelSource;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The models the build generates from the commands' annotations (CommandModelSource) are the ones
 * picocli makes of the same annotations by reflection: every generated command's help, every
 * option's and parameter's attributes, the values a parse leaves in the command's fields, the
 * errors it reports, and the fields picocli injects.
 */
class GeneratedCommandModelsTest {

  private static final CommandModels MODELS = CommandModels.generated();
  private static final Env ENV = Env.of(Map.of());

  @Test
  void theBuildGeneratedModelsForEveryCommandWithoutSubcommands() {
    assertThat(MODELS).as("GeneratedCommandModels is missing: the build did not run CommandModelSource").isNotNull();
    List<String> generated = new ArrayList<>();
    for (Class<?> sub : LwqueueCommand.class.getAnnotation(Command.class).subcommands()) {
      String name = sub.getAnnotation(Command.class).name();
      boolean own = sub.getPackageName().equals(LwqueueCommand.class.getPackageName());
      assertThat(MODELS.commandNamed(name)).as(name).isEqualTo(own ? sub : null);
      assertThat(Main.ownCommandNamed(name)).as(name).isEqualTo(MODELS.commandNamed(name));
      if (own && sub.getAnnotation(Command.class).subcommands().length == 0) {
        assertThat(MODELS.builds(sub)).as(name).isTrue();
        generated.add(name);
      } else {
        assertThat(MODELS.builds(sub)).as(name).isFalse();
        assertThat(MODELS.create(sub, null)).as(name).isNull();
      }
    }
    assertThat(generated).contains("send-message", "subscribe", "chat", "bench", "archive", "serve");
    assertThat(MODELS.commandNamed("--help")).isNull();
    assertThat(MODELS.commandNamed("lwqueue")).isNull();
  }

  @Test
  void everyGeneratedCommandHasTheAnnotationsHelpOptionsAndParameters() {
    for (Class<?> command : generatedCommands()) {
      String name = command.getAnnotation(Command.class).name();
      CommandLine generated = sub(line(name, MODELS), name);
      CommandLine reflected = sub(line(name, null), name);
      assertThat(generated.getCommandSpec().userObject()).isNotSameAs(reflected.getCommandSpec().userObject());
      assertThat(generated.getUsageMessage()).as(name).isEqualTo(reflected.getUsageMessage());
      CommandSpec g = generated.getCommandSpec();
      CommandSpec r = reflected.getCommandSpec();
      assertThat(g.mixins().keySet()).as(name).containsExactlyElementsOf(r.mixins().keySet());
      assertSameArgs(name, describe(g.options()), describe(r.options()));
      assertSameArgs(name, describe(g.positionalParameters()), describe(r.positionalParameters()));
      assertThat(g.usageMessage().sortOptions()).isEqualTo(r.usageMessage().sortOptions());
      assertThat(g.usageMessage().autoWidth()).isEqualTo(r.usageMessage().autoWidth());
      assertThat(g.usageMessage().hidden()).isEqualTo(r.usageMessage().hidden());
      assertThat(g.aliases()).isEqualTo(r.aliases());
    }
  }

  @Test
  void parsingLeavesTheSameValuesAndInjectsTheSameFields() throws Exception {
    for (Class<?> command : generatedCommands()) {
      String name = command.getAnnotation(Command.class).name();
      CommandSpec model = sub(line(name, null), name).getCommandSpec();
      // What every line needs to parse: the required options and the positional parameters.
      List<String> required = new ArrayList<>();
      for (OptionSpec option : model.options()) {
        if (option.required()) {
          required.addAll(withSample(option));
        }
      }
      List<String> positionals = new ArrayList<>();
      for (PositionalParamSpec positional : model.positionalParameters()) {
        positionals.add(sample(positional));
      }
      List<List<String>> argLines = new ArrayList<>();
      argLines.add(line(name, required, List.of(), positionals)); // every default
      for (OptionSpec option : model.options()) {
        if (!option.usageHelp() && !option.versionHelp() && !option.required()) {
          argLines.add(line(name, required, withSample(option), positionals));
        }
      }
      for (List<String> args : argLines) {
        String[] argv = args.toArray(String[]::new);
        CommandLine generated = line(name, MODELS);
        CommandLine reflected = line(name, null);
        generated.parseArgs(argv);
        reflected.parseArgs(argv);
        Object g = sub(generated, name).getCommand();
        Object r = sub(reflected, name).getCommand();
        assertThat(values(g, sub(generated, name).getCommandSpec(), generated.getCommand()))
            .as(String.join(" ", args))
            .isEqualTo(values(r, sub(reflected, name).getCommandSpec(), reflected.getCommand()));
      }
    }
  }

  @Test
  void badValuesAreReportedAlike() {
    List<String[]> cases = List.of(
        new String[] {"send-message", "--max-in-flight", "many"},
        new String[] {"send-message", "--backend", "kafka"},
        new String[] {"send-message", "--message"},
        new String[] {"subscribe", "--mode", "loud"},
        new String[] {"archive", "--progress-every", "soon"},
        new String[] {"dead-letters", "sideways"},
        new String[] {"completion"},
        new String[] {"bench", "--bogus", "1"});
    for (String[] args : cases) {
      assertThat(run(MODELS, args)).as(String.join(" ", args)).isEqualTo(run(null, args));
    }
  }

  @Test
  void aCommandLineItDoesNotSupportStopsTheBuildWithItsName() {
    assertThatThrownBy(() -> CommandModelSource.sourceFor(WithArgGroupTop.class))
        .hasMessageContaining("@ArgGroup").hasMessageContaining("group");
    assertThatThrownBy(() -> CommandModelSource.sourceFor(WithCandidatesTop.class))
        .hasMessageContaining("completionCandidates").hasMessageContaining("shell");
    assertThatThrownBy(() -> CommandModelSource.sourceFor(WithPrivateFieldTop.class))
        .hasMessageContaining("private").hasMessageContaining("hidden");
  }

  @Command(name = "top", subcommands = WithArgGroup.class)
  static final class WithArgGroupTop {}

  @Command(name = "grouped")
  static final class WithArgGroup {
    @ArgGroup Group group;

    static final class Group {
      @Option(names = "--a") String a;
    }
  }

  @Command(name = "top", subcommands = WithCandidates.class)
  static final class WithCandidatesTop {}

  @Command(name = "candidates")
  static final class WithCandidates {
    @Option(names = "--shell", completionCandidates = Shells.class) String shell;

    static final class Shells extends ArrayList<String> {
      Shells() {
        super(List.of("bash", "zsh"));
      }
    }
  }

  @Command(name = "top", subcommands = WithPrivateField.class)
  static final class WithPrivateFieldTop {}

  @Command(name = "private")
  static final class WithPrivateField {
    @Option(names = "--hidden") private String hidden;
  }

  private static void assertSameArgs(String command, List<String> generated, List<String> reflected) {
    assertThat(generated).as(command).hasSameSizeAs(reflected);
    for (int i = 0; i < generated.size(); i++) {
      assertThat(generated.get(i)).as(command + " argument " + i).isEqualTo(reflected.get(i));
    }
  }

  private static List<Class<?>> generatedCommands() {
    List<Class<?>> commands = new ArrayList<>();
    for (Class<?> sub : LwqueueCommand.class.getAnnotation(Command.class).subcommands()) {
      if (MODELS.builds(sub)) {
        commands.add(sub);
      }
    }
    assertThat(commands).hasSizeGreaterThan(10);
    return commands;
  }

  private static CommandLine line(String name, CommandModels models) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return Main.commandLineFor(new String[] {name}, ENV, new ByteArrayInputStream(new byte[0]), sink, sink, models);
  }

  private static CommandLine sub(CommandLine line, String name) {
    return line.getSubcommands().get(name);
  }

  private static List<String> run(CommandModels models, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    int code = Main.commandLineFor(args, ENV, new ByteArrayInputStream(new byte[0]), o, e, models).execute(args);
    return List.of(String.valueOf(code), out.toString(), err.toString());
  }

  /** Every attribute of each argument that picocli's parsing and help read. */
  private static List<String> describe(List<? extends ArgSpec> args) {
    List<String> described = new ArrayList<>();
    for (ArgSpec arg : args) {
      Map<String, Object> a = new LinkedHashMap<>();
      if (arg instanceof OptionSpec option) {
        a.put("names", Arrays.asList(option.names()));
        a.put("usageHelp", option.usageHelp());
        a.put("versionHelp", option.versionHelp());
        a.put("negatable", option.negatable());
        a.put("order", option.order());
        a.put("fallbackValue", option.fallbackValue());
      } else {
        PositionalParamSpec positional = (PositionalParamSpec) arg;
        a.put("index", positional.index());
      }
      a.put("arity", arg.arity() + (arg.arity().isUnspecified() ? " (unspecified)" : ""));
      a.put("paramLabel", arg.paramLabel());
      a.put("hideParamSyntax", arg.hideParamSyntax());
      a.put("type", arg.type());
      a.put("auxiliaryTypes", Arrays.asList(arg.auxiliaryTypes()));
      a.put("typeInfo", arg.typeInfo().getClassName() + " " + arg.typeInfo().getAuxiliaryTypeInfos().size()
          + " multi=" + arg.typeInfo().isMultiValue() + " enum=" + arg.typeInfo().isEnum()
          + " boolean=" + arg.typeInfo().isBoolean());
      a.put("description", Arrays.asList(arg.description()));
      a.put("descriptionKey", arg.descriptionKey());
      a.put("defaultValue", arg.defaultValue());
      a.put("initialValue", String.valueOf(arg.initialValue() instanceof char[] c ? new String(c) : arg.initialValue()));
      a.put("hasInitialValue", arg.hasInitialValue());
      a.put("showDefaultValue", arg.showDefaultValue());
      a.put("required", arg.required());
      a.put("interactive", arg.interactive());
      a.put("echo", arg.echo());
      a.put("prompt", arg.prompt());
      a.put("hidden", arg.hidden());
      a.put("inherited", arg.inherited());
      a.put("scopeType", arg.scopeType());
      a.put("splitRegex", arg.splitRegex());
      a.put("splitRegexSynopsisLabel", arg.splitRegexSynopsisLabel());
      a.put("converters", Arrays.stream(arg.converters()).map(c -> c.getClass().getName()).toList());
      a.put("completionCandidates", arg.completionCandidates() == null ? null : iterate(arg.completionCandidates()));
      a.put("parameterConsumer", arg.parameterConsumer());
      a.put("preprocessor", arg.preprocessor() == null ? null : arg.preprocessor().getClass().getName());
      a.put("mapFallbackValue", arg.mapFallbackValue());
      described.add(a.toString());
    }
    return described;
  }

  private static List<String> iterate(Iterable<String> values) {
    List<String> list = new ArrayList<>();
    values.forEach(list::add);
    return list;
  }

  private static List<String> line(String command, List<String> required, List<String> option, List<String> positionals) {
    List<String> line = new ArrayList<>(List.of(command));
    line.addAll(required);
    line.addAll(option);
    line.addAll(positionals);
    return line;
  }

  /** An option with a value that parses: its default, a candidate, or one for its type. */
  private static List<String> withSample(OptionSpec option) {
    String name = option.longestName();
    if (option.arity().max() == 0) {
      return List.of(name);
    }
    return List.of(name, sample(option));
  }

  private static String sample(ArgSpec arg) {
    if (arg.completionCandidates() != null && arg.completionCandidates().iterator().hasNext()) {
      List<String> candidates = iterate(arg.completionCandidates());
      return candidates.get(candidates.size() - 1);
    }
    if (arg.defaultValue() != null) {
      return arg.defaultValue();
    }
    Class<?> type = arg.type();
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "7";
    }
    if (type == double.class || type == Double.class) {
      return "0.5";
    }
    return "sample";
  }

  /**
   * The values of a command's option and parameter fields, its mixins' too, and what its injected
   * fields point to: the command's spec, its mixee's, or the top command.
   */
  private static Map<String, Object> values(Object object, CommandSpec spec, Object top) throws Exception {
    Map<String, Object> values = new LinkedHashMap<>();
    collect("", object, spec, spec, top, values);
    return values;
  }

  private static void collect(String path, Object object, CommandSpec self, CommandSpec mixee, Object top,
      Map<String, Object> values) throws Exception {
    for (Field field : object.getClass().getDeclaredFields()) {
      field.setAccessible(true);
      Object value = field.get(object);
      String key = path + field.getName();
      if (field.isAnnotationPresent(Mixin.class)) {
        CommandSpec mixinSpec = self.mixins().get(field.getName());
        assertThat(mixinSpec).as(key).isNotNull();
        assertThat(mixinSpec.userObject()).as(key).isSameAs(value);
        collect(key + ".", value, mixinSpec, self, top, values);
      } else if (field.isAnnotationPresent(Spec.class)) {
        boolean toMixee = field.getAnnotation(Spec.class).value() == Spec.Target.MIXEE;
        values.put(key, value == (toMixee ? mixee : self) ? "the right spec" : "a wrong spec: " + value);
      } else if (field.isAnnotationPresent(ParentCommand.class)) {
        values.put(key, value == top ? "the top command" : "not the top command: " + value);
      } else if (field.isAnnotationPresent(Option.class) || field.isAnnotationPresent(Parameters.class)) {
        values.put(key, value instanceof char[] chars ? "chars:" + new String(chars) : Objects.toString(value));
      }
    }
  }
}
