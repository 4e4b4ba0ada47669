package dev.lwqueue.cli.codegen;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Range;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Writes, at build time, Java source that builds the picocli model of lwqueue's commands through
 * picocli's programmatic API, from the same annotations picocli reads at run time (which stay the
 * one source). Why: picocli builds that model by reflection at every start, and in a one-shot
 * {@code send-message} that was most of lwqueue's own start-up (the JDK generating a proxy class
 * per annotation type, parsing every field's annotations, making a method handle per field
 * accessor), which no start-up cache keeps. The generated code assigns the fields directly, so they
 * must not be private.
 *
 * <p>Only the attributes lwqueue's commands use are supported; any other one (an {@code @ArgGroup},
 * a completion-candidates class, a parameter consumer...) stops the build with its name rather than
 * being dropped. {@code GeneratedCommandModelsTest} checks that every generated model equals the
 * annotations' model: help, options, parsing and injected fields. Commands with subcommands of
 * their own keep picocli's reflective model.
 *
 * <p>Run by the build ({@code exec-maven-plugin}, process-classes) as {@code CommandModelSource
 * OUTPUT_DIR TOP_COMMAND_CLASS}; not part of the shipped jar.
 */
public final class CommandModelSource {

  static final String PACKAGE = "dev.lwqueue.cli";
  static final String CLASS_NAME = "GeneratedCommandModels";

  /** Attributes of {@code @Option} and {@code @Parameters} the generated builders set. */
  private static final Set<String> ARG_ATTRIBUTES = Set.of(
      "names", "index", "arity", "paramLabel", "description", "defaultValue", "required", "interactive",
      "echo", "prompt", "hidden", "usageHelp", "versionHelp", "converter", "split", "splitSynopsisLabel",
      "showDefaultValue", "negatable", "order", "descriptionKey", "hideParamSyntax", "fallbackValue");
  /** Attributes of {@code @Command} the generated code sets; "subcommands" commands are not generated. */
  private static final Set<String> COMMAND_ATTRIBUTES = Set.of(
      "name", "description", "sortOptions", "usageHelpAutoWidth", "exitCodeListHeading", "footer",
      "footerHeading", "header", "headerHeading", "descriptionHeading", "synopsisHeading", "optionListHeading",
      "parameterListHeading", "commandListHeading", "synopsisSubcommandLabel", "hidden", "abbreviateSynopsis",
      "showDefaultValues", "aliases");

  private final StringBuilder out = new StringBuilder();
  private final Map<Class<?>, List<Field>> bindings = new LinkedHashMap<>();
  private final List<Class<?>> mixins = new ArrayList<>();
  private int nextVariable;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).resolve(PACKAGE.replace('.', '/'));
    Class<?> top = Class.forName(args[1]);
    String source = sourceFor(top);
    Files.createDirectories(dir);
    Path file = dir.resolve(CLASS_NAME + ".java");
    // Unchanged source, unchanged file: the compiler's staleness check then has nothing to redo.
    if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(source)) {
      Files.writeString(file, source, StandardCharsets.UTF_8);
    }
  }

  /** The generated class's source, for the top command's subcommands that have none of their own. */
  public static String sourceFor(Class<?> top) {
    return new CommandModelSource().source(top);
  }

  private String source(Class<?> top) {
    List<Class<?>> commands = new ArrayList<>();
    List<Class<?>> own = new ArrayList<>();
    for (Class<?> sub : top.getAnnotation(Command.class).subcommands()) {
      // picocli's own help command is left to picocli, like every name not lwqueue's.
      if (sub.getPackageName().equals(PACKAGE)) {
        own.add(sub);
        if (sub.getAnnotation(Command.class).subcommands().length == 0) {
          commands.add(sub);
        }
      }
    }
    line("// Generated at build time by " + CommandModelSource.class.getName() + " from the commands' picocli");
    line("// annotations; do not edit. See that class for why.");
    line("package " + PACKAGE + ";");
    line("");
    line("import picocli.CommandLine.Model.CommandSpec;");
    line("import picocli.CommandLine.Model.IGetter;");
    line("import picocli.CommandLine.Model.ISetter;");
    line("import picocli.CommandLine.Model.OptionSpec;");
    line("import picocli.CommandLine.Model.PositionalParamSpec;");
    line("");
    line("final class " + CLASS_NAME + " implements CommandModels {");
    line("");
    line("  @Override");
    line("  public Class<?> commandNamed(String name) {");
    line("    switch (name) {");
    for (Class<?> sub : own) {
      line("      case " + literal(sub.getAnnotation(Command.class).name()) + ": return "
          + sub.getName().replace('$', '.') + ".class;");
    }
    line("      default: return null;");
    line("    }");
    line("  }");
    line("");
    line("  @Override");
    line("  public boolean builds(Class<?> command) {");
    line("    switch (command.getName()) {");
    for (Class<?> command : commands) {
      line("      case " + literal(command.getName()) + ":");
    }
    line("        return true;");
    line("      default:");
    line("        return false;");
    line("    }");
    line("  }");
    line("");
    line("  @Override");
    line("  public CommandSpec create(Class<?> command, Object parent) {");
    line("    switch (command.getName()) {");
    for (Class<?> command : commands) {
      line("      case " + literal(command.getName()) + ": return " + methodName(command) + "(parent);");
    }
    line("      default: return null;");
    line("    }");
    line("  }");
    for (Class<?> command : commands) {
      command(command, top);
    }
    // Each mixin class once, whichever commands share it; a mixin may bring mixins of its own.
    for (int i = 0; i < mixins.size(); i++) {
      mixin(mixins.get(i), top);
    }
    for (Map.Entry<Class<?>, List<Field>> binding : bindings.entrySet()) {
      binding(binding.getKey(), binding.getValue());
    }
    line("}");
    return out.toString();
  }

  private void command(Class<?> command, Class<?> parentType) {
    requireNoSuperclassMembers(command);
    line("");
    line("  private static CommandSpec " + methodName(command) + "(Object parent) {");
    nextVariable = 0;
    String object = instance(command);
    String spec = "s" + object.substring(1);
    line("    CommandSpec " + spec + " = CommandSpec.wrapWithoutInspection(" + object + ");");
    commandAttributes(command.getAnnotation(Command.class), spec, command.getName());
    members(command, object, spec, spec, parentType);
    line("    return " + spec + ";");
    line("  }");
  }

  /** A method that builds the model of a mixin instance, mixed into {@code mixee}. */
  private void mixin(Class<?> type, Class<?> parentType) {
    requireNoSuperclassMembers(type);
    String typeName = type.getName().replace('$', '.');
    line("");
    line("  private static CommandSpec " + methodName(type) + "(" + typeName + " mixin, CommandSpec mixee, Object parent) {");
    nextVariable = 0;
    line("    CommandSpec self = CommandSpec.wrapWithoutInspection(mixin);");
    members(type, "mixin", "self", "mixee", parentType);
    line("    return self;");
    line("  }");
  }

  /** Declares a new instance of {@code type} and returns its variable, {@code oN}. */
  private String instance(Class<?> type) {
    requireConstructible(type);
    String variable = "o" + nextVariable++;
    line("    " + type.getName().replace('$', '.') + " " + variable + " = new " + type.getName().replace('$', '.') + "();");
    return variable;
  }

  /** The fields of {@code type} (on {@code object}, whose spec is {@code spec}) in picocli's order. */
  private void members(Class<?> type, String object, String spec, String mixee, Class<?> parentType) {
    for (Field field : type.getDeclaredFields()) {
      Option option = field.getAnnotation(Option.class);
      Parameters parameters = field.getAnnotation(Parameters.class);
      Mixin mixin = field.getAnnotation(Mixin.class);
      Spec specAnnotation = field.getAnnotation(Spec.class);
      boolean parentCommand = field.isAnnotationPresent(ParentCommand.class);
      requireOnlyKnownAnnotations(field);
      if (option == null && parameters == null && mixin == null && specAnnotation == null && !parentCommand) {
        continue;
      }
      requireAssignable(field);
      String target = object + "." + field.getName();
      if (option != null) {
        line("    " + spec + ".addOption(OptionSpec.builder(" + stringArray(option.names()) + ")");
        argAttributes(option, field, object);
        line("        .build());");
      } else if (parameters != null) {
        line("    " + spec + ".addPositional(PositionalParamSpec.builder()");
        argAttributes(parameters, field, object);
        line("        .build());");
      } else if (mixin != null) {
        if (field.getType().isAnnotationPresent(Command.class)) {
          throw unsupported("a mixin with its own @Command", field);
        }
        String mixinObject = instance(field.getType());
        line("    " + target + " = " + mixinObject + ";");
        String name = mixin.name().isEmpty() ? field.getName() : mixin.name();
        line("    " + spec + ".addMixin(" + literal(name) + ", " + methodName(field.getType()) + "(" + mixinObject + ", "
            + spec + ", parent));");
        if (!mixins.contains(field.getType())) {
          mixins.add(field.getType());
        }
      } else if (specAnnotation != null) {
        line("    " + target + " = " + (specAnnotation.value() == Spec.Target.MIXEE ? mixee : spec) + ";");
      } else {
        if (!field.getType().isAssignableFrom(parentType)) {
          throw unsupported("a @ParentCommand of another type than " + parentType.getName(), field);
        }
        line("    " + target + " = (" + field.getType().getName() + ") parent;");
      }
    }
  }

  private void argAttributes(Annotation annotation, Field field, String object) {
    Map<String, Object> set = nonDefaultAttributes(annotation, ARG_ATTRIBUTES, field.toString());
    ArgSpec built = builtArg(field, annotation);
    for (Map.Entry<String, Object> attribute : set.entrySet()) {
      Object value = attribute.getValue();
      switch (attribute.getKey()) {
        case "names":
        case "arity":
        case "index":
          break; // given to the builder, or below as picocli resolved them
        case "converter":
          List<String> converters = new ArrayList<>();
          for (Class<?> converter : (Class<?>[]) value) {
            requireConstructible(converter);
            converters.add("new " + converter.getName().replace('$', '.') + "()");
          }
          line("        .converters(" + String.join(", ", converters) + ")");
          break;
        case "split":
          line("        .splitRegex(" + literal((String) value) + ")");
          break;
        case "splitSynopsisLabel":
          line("        .splitRegexSynopsisLabel(" + literal((String) value) + ")");
          break;
        case "paramLabel":
          break; // below, as picocli inferred it
        case "defaultValue":
          if (!CommandLine.Option.NULL_VALUE.equals(value)) {
            line("        .defaultValue(" + literal((String) value) + ")");
          }
          break;
        case "showDefaultValue":
          line("        .showDefaultValue(picocli.CommandLine.Help.Visibility." + value + ")");
          break;
        default:
          line("        ." + attribute.getKey() + "(" + literal(value) + ")");
      }
    }
    // picocli copies these two from the annotation even when empty (a model without them has null).
    for (String copied : List.of("descriptionKey", "prompt")) {
      if (!set.containsKey(copied)) {
        line("        ." + copied + "(\"\")");
      }
    }
    // As picocli resolved them from the annotation and the field's type, "unspecified" flag included.
    line("        .arity(" + range(built.arity()) + ")");
    if (built instanceof PositionalParamSpec positional) {
      line("        .index(" + range(positional.index()) + ")");
      if (!set.containsKey("required")) {
        line("        .required(" + positional.required() + ")"); // picocli: a positional with arity > 0 is required
      }
    }
    line("        .paramLabel(" + literal(built.paramLabel()) + ")");
    line("        .type(" + typeLiteral(built.type()) + ")");
    if (built.auxiliaryTypes().length > 0 && !(built.auxiliaryTypes().length == 1 && built.auxiliaryTypes()[0] == built.type())) {
      List<String> types = new ArrayList<>();
      for (Class<?> auxiliary : built.auxiliaryTypes()) {
        types.add(typeLiteral(auxiliary));
      }
      line("        .auxiliaryTypes(" + String.join(", ", types) + ")");
    }
    int index = bindingIndex(field);
    String binding = "new " + bindingClass(field.getDeclaringClass()) + "(" + object + ", " + index + ")";
    line("        .initialValue(" + object + "." + field.getName() + ")");
    line("        .getter(" + binding + ").setter(" + binding + ")");
  }

  /** What picocli itself made of this field's annotation: the inferred label and types. */
  private static ArgSpec builtArg(Field field, Annotation annotation) {
    CommandSpec spec = CommandSpec.forAnnotatedObject(instanceOf(field.getDeclaringClass()));
    for (ArgSpec arg : spec.args()) {
      if (field.equals(arg.userObject())) {
        return arg;
      }
    }
    throw new IllegalStateException("picocli made no argument of " + field + " (" + annotation + ")");
  }

  private static Object instanceOf(Class<?> type) {
    try {
      var constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make a " + type.getName() + " to read its model", e);
    }
  }

  private void commandAttributes(Command command, String spec, String where) {
    Map<String, Object> set = nonDefaultAttributes(command, COMMAND_ATTRIBUTES, where);
    for (Map.Entry<String, Object> attribute : set.entrySet()) {
      Object value = attribute.getValue();
      switch (attribute.getKey()) {
        case "name":
          line("    " + spec + ".name(" + literal(value) + ");");
          break;
        case "aliases":
          line("    " + spec + ".aliases(" + literal(value) + ");");
          break;
        case "usageHelpAutoWidth":
          line("    " + spec + ".usageMessage().autoWidth(" + value + ");");
          break;
        default:
          line("    " + spec + ".usageMessage()." + attribute.getKey() + "(" + literal(value) + ");");
      }
    }
  }

  /** The annotation's attributes that differ from their defaults; any unsupported one stops the build. */
  private static Map<String, Object> nonDefaultAttributes(Annotation annotation, Set<String> supported, String where) {
    Map<String, Object> set = new LinkedHashMap<>();
    Method[] methods = annotation.annotationType().getDeclaredMethods();
    Arrays.sort(methods, (a, b) -> a.getName().compareTo(b.getName()));
    for (Method method : methods) {
      Object value;
      try {
        value = method.invoke(annotation);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(e);
      }
      if (sameValue(value, method.getDefaultValue())) {
        continue;
      }
      if (!supported.contains(method.getName())) {
        throw new IllegalStateException("@" + annotation.annotationType().getSimpleName() + "(" + method.getName()
            + ") on " + where + " is not supported by " + CommandModelSource.class.getSimpleName()
            + ": add it there, or the generated model would silently lack it");
      }
      set.put(method.getName(), value);
    }
    return set;
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof Object[] && b instanceof Object[]) {
      return Arrays.equals((Object[]) a, (Object[]) b);
    }
    return a.equals(b);
  }

  private int bindingIndex(Field field) {
    List<Field> fields = bindings.computeIfAbsent(field.getDeclaringClass(), k -> new ArrayList<>());
    if (!fields.contains(field)) { // a mixin's fields are bound once, whichever command asks first
      fields.add(field);
    }
    return fields.indexOf(field);
  }

  private static String bindingClass(Class<?> owner) {
    return owner.getSimpleName() + "Fields";
  }

  /** One class per owner reads and writes its option fields directly, chosen by index. */
  private void binding(Class<?> owner, List<Field> fields) {
    String ownerName = owner.getName().replace('$', '.');
    line("");
    line("  /** Reads and writes the option fields of {@link " + owner.getSimpleName() + "} without reflection. */");
    line("  private static final class " + bindingClass(owner) + " implements IGetter, ISetter {");
    line("    private final " + ownerName + " target;");
    line("    private final int field;");
    line("");
    line("    " + bindingClass(owner) + "(" + ownerName + " target, int field) {");
    line("      this.target = target;");
    line("      this.field = field;");
    line("    }");
    line("");
    line("    @Override");
    line("    @SuppressWarnings(\"unchecked\")");
    line("    public <T> T get() {");
    line("      switch (field) {");
    for (int i = 0; i < fields.size(); i++) {
      line("        case " + i + ": return (T) (Object) target." + fields.get(i).getName() + ";");
    }
    line("        default: throw new IllegalStateException(\"no field \" + field);");
    line("      }");
    line("    }");
    line("");
    line("    @Override");
    line("    public <T> T set(T value) {");
    line("      T old = get();");
    line("      switch (field) {");
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      line("        case " + i + ": target." + field.getName() + " = (" + boxedName(field.getType()) + ") value; break;");
    }
    line("        default: throw new IllegalStateException(\"no field \" + field);");
    line("      }");
    line("      return old;");
    line("    }");
    line("  }");
  }

  private static String range(Range range) {
    return "new picocli.CommandLine.Range(" + range.min() + ", " + range.max() + ", " + range.isVariable() + ", "
        + range.isUnspecified() + ", " + (range.originalValue() == null ? "null" : literal(range.originalValue())) + ")";
  }

  private static String boxedName(Class<?> type) {
    if (type.isPrimitive()) {
      return type == int.class ? "Integer" : type == char.class ? "Character"
          : Character.toUpperCase(type.getName().charAt(0)) + type.getName().substring(1);
    }
    return type.getCanonicalName();
  }

  private static String typeLiteral(Class<?> type) {
    return type.getCanonicalName() + ".class";
  }

  private static String methodName(Class<?> command) {
    String simple = command.getSimpleName();
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }

  private static void requireOnlyKnownAnnotations(Field field) {
    for (Annotation annotation : field.getAnnotations()) {
      Class<?> type = annotation.annotationType();
      if (type.getEnclosingClass() == CommandLine.class && type != Option.class && type != Parameters.class
          && type != Mixin.class && type != Spec.class && type != ParentCommand.class) {
        throw unsupported("@" + type.getSimpleName(), field);
      }
    }
  }

  private static void requireAssignable(Field field) {
    int modifiers = field.getModifiers();
    if (Modifier.isPrivate(modifiers) || Modifier.isFinal(modifiers) || Modifier.isStatic(modifiers)) {
      throw unsupported("a private, final or static picocli field (the generated code assigns it)", field);
    }
  }

  private static void requireConstructible(Class<?> type) {
    try {
      if (Modifier.isPrivate(type.getDeclaredConstructor().getModifiers())) {
        throw new IllegalStateException(type.getName() + " needs a non-private no-argument constructor");
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type.getName() + " needs a no-argument constructor", e);
    }
  }

  private static void requireNoSuperclassMembers(Class<?> type) {
    if (type.getSuperclass() != Object.class) {
      throw new IllegalStateException(type.getName() + " extends " + type.getSuperclass().getName()
          + ": inherited picocli members are not supported by " + CommandModelSource.class.getSimpleName());
    }
    for (Method method : type.getDeclaredMethods()) {
      for (Annotation annotation : method.getAnnotations()) {
        if (annotation.annotationType().getEnclosingClass() == CommandLine.class) {
          throw new IllegalStateException("picocli annotations on methods (" + method + ") are not supported by "
              + CommandModelSource.class.getSimpleName());
        }
      }
    }
  }

  private static IllegalStateException unsupported(String what, Field field) {
    return new IllegalStateException(what + " on " + field + " is not supported by "
        + CommandModelSource.class.getSimpleName());
  }

  private static String stringArray(String[] values) {
    return "new String[] {" + String.join(", ", Arrays.stream(values).map(CommandModelSource::literal).toList()) + "}";
  }

  /** A Java literal for a string, a string array, a boolean or an int. */
  static String literal(Object value) {
    if (value instanceof String[] strings) {
      return stringArray(strings);
    }
    if (value instanceof Boolean || value instanceof Integer) {
      return value.toString();
    }
    if (!(value instanceof String s)) {
      throw new IllegalStateException("no literal for " + value.getClass().getName() + " " + value);
    }
    StringBuilder literal = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> literal.append("\\\"");
        case '\\' -> literal.append("\\\\");
        case '\n' -> literal.append("\\n");
        case '\r' -> literal.append("\\r");
        case '\t' -> literal.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            literal.append(String.format("\\u%04x", (int) c));
          } else {
            literal.append(c);
          }
        }
      }
    }
    return literal.append('"').toString();
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
