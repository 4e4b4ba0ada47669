package dev.lwqueue.cli;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the man pages' AsciiDoc (picocli-codegen's generator), one page per command, from the
 * same command line as {@code --help} with an empty environment, so a developer's settings never
 * end up in a page. The build runs it before the tests and converts the pages to troff
 * (asciidoctor's manpage backend); see lwqueue-cli's pom.xml.
 */
public final class ManPages {

  private ManPages() {}

  public static void main(String[] args) throws Exception {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    CommandLine all = Main.commandLine(Env.of(Map.of()), new ByteArrayInputStream(new byte[0]), nowhere, nowhere);
    File out = new File(args[0]);
    if (!out.isDirectory() && !out.mkdirs()) {
      throw new IllegalStateException("cannot create " + out);
    }
    int code = ManPageGenerator.generateManPage(out, null, new boolean[0], false, all.getCommandSpec());
    if (code != 0) {
      throw new IllegalStateException("man page generator exited " + code);
    }
  }
}
