package dev.lwqueue.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Where the JDBC drivers come from. lwqueue.jar leaves them (80 MB of DuckDB native libraries,
 * PostgreSQL's and ClickHouse's drivers and what only they need) to the {@code lib} directory beside
 * it, which is on no class path: a jar on the class path, even one never read from, costs every
 * command's start-up (JDK 25 opens each at launch, 15 ms for these; README, "Performance"). So
 * archive and stats load them here, through a class loader of their own. Where the drivers are on
 * the class path already (the tests, an IDE) and no such directory exists, they are taken from it.
 */
final class DriverLoader {

  private DriverLoader() {}

  /** The first driver that takes the URL, or {@code null}. */
  static Driver driverFor(String url) throws SQLException {
    for (Driver driver : Holder.DRIVERS) {
      if (driver.acceptsURL(url)) {
        return driver;
      }
    }
    return null;
  }

  /** One loader per process: a native library (DuckDB's) may belong to one class loader only. */
  private static final class Holder {
    static final List<Driver> DRIVERS = load();
  }

  private static List<Driver> load() {
    ClassLoader own = DriverLoader.class.getClassLoader();
    List<URL> jars = libJars();
    ClassLoader loader = jars.isEmpty() ? own : new URLClassLoader("lwqueue-drivers", jars.toArray(URL[]::new), own);
    List<Driver> drivers = new ArrayList<>();
    ServiceLoader.load(Driver.class, loader).forEach(drivers::add);
    return List.copyOf(drivers);
  }

  /** The jars in {@code lib} beside the jar holding this class; none when run from classes. */
  static List<URL> libJars() {
    CodeSource source = DriverLoader.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return List.of();
    }
    try {
      Path here = Path.of(source.getLocation().toURI());
      Path lib = here.resolveSibling("lib");
      if (!Files.isRegularFile(here) || !Files.isDirectory(lib)) {
        return List.of();
      }
      try (Stream<Path> files = Files.list(lib)) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
          urls.add(jar.toUri().toURL());
        }
        return urls;
      }
    } catch (URISyntaxException | MalformedURLException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
