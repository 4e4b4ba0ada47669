package dev.lwqueue.cli.tui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The full screens' model knows no terminal: no lanterna, no view; the views draw from it. */
class ModelIsLanternaFreeTest {

  @Test
  void noModelClassImportsLanternaOrAView() throws IOException {
    Path model = Path.of("src", "main", "java", "dev", "lwqueue", "cli", "tui", "model");
    List<Path> sources;
    try (Stream<Path> files = Files.list(model)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(sources).as("model sources").hasSizeGreaterThanOrEqualTo(5);
    for (Path source : sources) {
      List<String> imports = Files.readAllLines(source).stream().filter(l -> l.startsWith("import ")).toList();
      assertThat(imports).as(source.toString())
          .noneMatch(l -> l.contains("com.googlecode.lanterna"))
          .noneMatch(l -> l.matches("import (static )?dev\\.lwqueue\\.cli\\.tui\\.[A-Z].*"));
    }
  }
}
