package dev.lwqueue.core;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Random version-4 UUIDs straight from the operating system's random source ({@code /dev/urandom},
 * the source the JDK's default {@code SecureRandom} reads on Linux and macOS), else from {@link
 * UUID#randomUUID()}. Why not always the JDK's: its first call looks up the security providers and
 * registers every service of the default one, 20 ms of a one-shot send's start-up, for 16 bytes the
 * kernel hands out directly. Unpredictable either way, which message ids must be (ChatMessage).
 */
public final class RandomIds {

  private static final Path OS_SOURCE = Path.of("/dev/urandom");
  private static final RandomIds SHARED = new RandomIds(OS_SOURCE);

  /** The operating system's random bytes, read ahead a little; null where there is no such file. */
  private final DataInputStream source;

  RandomIds(Path source) {
    this.source = open(source);
  }

  /** A new random version-4 UUID. */
  public static UUID uuid() {
    return SHARED.next();
  }

  UUID next() {
    if (source == null) {
      return UUID.randomUUID();
    }
    long most;
    long least;
    synchronized (source) {
      try {
        most = source.readLong();
        least = source.readLong();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + OS_SOURCE, e);
      }
    }
    most = (most & ~0xF000L) | 0x4000L; // version 4
    least = (least & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(most, least);
  }

  boolean readsTheOperatingSystem() {
    return source != null;
  }

  private static DataInputStream open(Path path) {
    if (!Files.isReadable(path)) {
      return null;
    }
    try {
      InputStream in = Files.newInputStream(path);
      return new DataInputStream(new BufferedInputStream(in, 256));
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
